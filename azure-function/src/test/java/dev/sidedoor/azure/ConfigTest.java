package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Severity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("SIDEDOOR_EVENTGRID_ENDPOINT", "https://sidedoor.westeurope-1.eventgrid.azure.net/api/events");
        env.put("AzureWebJobsStorage__accountName", "sidedoorst1");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    @Test
    void defaultsAndTheDeadLetterEndpointDerivedFromTheHostStorage() {
        Config c = Config.fromEnvironment(env());
        assertEquals("https://sidedoorst1.blob.core.windows.net", c.deadLetterBlobUri().toString());
        assertEquals("sidedoor-deadletter", c.deadLetterContainer());
        assertEquals(Severity.MEDIUM, c.shared().minSeverity());
        assertEquals(5, c.shared().maxAttempts());
        assertNull(c.identityClientId());
        assertEquals("https://sovereign.blob.core.usgovcloudapi.net/", Config.fromEnvironment(env(
                "AzureWebJobsStorage__blobServiceUri", "https://sovereign.blob.core.usgovcloudapi.net/"))
                .deadLetterBlobUri().toString(), "the host's blob URI wins over the account name");
        assertEquals("https://x.example/", Config.fromEnvironment(env("SIDEDOOR_DEADLETTER_BLOB_URI",
                "https://x.example/")).deadLetterBlobUri().toString(), "an explicit URI wins over both");
    }

    @Test
    void tablesAreOptionalAndTheirEndpointComesFromTheHostStorage() {
        assertEquals(Config.Tables.NONE, Config.fromEnvironment(env()).tables(), "no table set: no state at all");
        Config.Tables t = Config.fromEnvironment(env("SIDEDOOR_BASELINE_TABLE", "sidedoorbaseline")).tables();
        assertEquals("https://sidedoorst1.table.core.windows.net", t.endpoint().toString());
        assertEquals("sidedoorbaseline", t.baselineTable());
        assertNull(t.ledgerTable());
        assertEquals("https://t.example/", Config.fromEnvironment(env("SIDEDOOR_LEDGER_TABLE", "ledger",
                "AzureWebJobsStorage__tableServiceUri", "https://t.example/")).tables().endpoint().toString());
        assertEquals("https://x.example/", Config.fromEnvironment(env("SIDEDOOR_LEDGER_TABLE", "ledger",
                "SIDEDOOR_TABLE_URI", "https://x.example/")).tables().endpoint().toString());
    }

    @Test
    void everyProblemNamesItsSetting() {
        assertMessage("SIDEDOOR_BASELINE_TABLE is 'sidedoor-baseline', which is not a valid table name",
                env("SIDEDOOR_BASELINE_TABLE", "sidedoor-baseline"));
        assertMessage("SIDEDOOR_LEDGER_TABLE is '1ledger'", env("SIDEDOOR_LEDGER_TABLE", "1ledger"));
        assertMessage("SIDEDOOR_TABLE_URI is 'http://t/'", env("SIDEDOOR_LEDGER_TABLE", "ledger",
                "SIDEDOOR_TABLE_URI", "http://t/"));
        assertMessage("SIDEDOOR_TABLE_URI is not set", env("SIDEDOOR_LEDGER_TABLE", "ledger",
                "AzureWebJobsStorage__accountName", null, "SIDEDOOR_DEADLETTER_BLOB_URI", "https://b.example/"));
        assertMessage("SIDEDOOR_EVENTGRID_ENDPOINT is not set", env("SIDEDOOR_EVENTGRID_ENDPOINT", null));
        assertMessage("SIDEDOOR_EVENTGRID_ENDPOINT is 'http://topic/api/events', which is not an https:// URL",
                env("SIDEDOOR_EVENTGRID_ENDPOINT", "http://topic/api/events"));
        assertMessage("SIDEDOOR_DEADLETTER_BLOB_URI is not set", env("AzureWebJobsStorage__accountName", null));
        assertMessage("SIDEDOOR_DEADLETTER_CONTAINER is 'Dead_Letters'", env("SIDEDOOR_DEADLETTER_CONTAINER",
                "Dead_Letters"));
        assertMessage("SIDEDOOR_DEADLETTER_CONTAINER is 'a--b'", env("SIDEDOOR_DEADLETTER_CONTAINER", "a--b"));
        assertMessage("SIDEDOOR_MIN_SEVERITY", env("SIDEDOOR_MIN_SEVERITY", "urgent"));
        assertMessage("SIDEDOOR_PUBLISH_MAX_ATTEMPTS", env("SIDEDOOR_PUBLISH_MAX_ATTEMPTS", "11"));
    }

    private static void assertMessage(String start, Map<String, String> env) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Config.fromEnvironment(env));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
