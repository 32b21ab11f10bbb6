package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import dev.sidedoor.core.testing.HostileRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Start-up failures the Function must catch and report, without Azure (nothing here reaches the network). */
class StartUpTest {

    private static final HttpClient OFFLINE = request -> Mono.error(new IllegalStateException("offline test"));

    @Test
    void rulesBuiltToCrashTheLoaderAreAStartUpErrorNamingEachFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = HostileRules.write(tmp.resolve("rules"));
        Map<String, String> env = new HashMap<>();
        env.put("SIDEDOOR_EVENTGRID_ENDPOINT", "https://sidedoor.westeurope-1.eventgrid.azure.net/api/events");
        env.put("AzureWebJobsStorage__accountName", "sidedoorst1");
        env.put("SIDEDOOR_RULES_DIR", dir.toString());
        Config config = Config.fromEnvironment(env);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BatchHandler.create(config,
                new TestIdentity(), OFFLINE, Duration.ofMillis(1), Clock.systemUTC()));
        assertNamesEveryFile(e.getMessage(), dir);

        // The Function catches it as a start-up failure and dead-letters the batch; with no dead-letter store
        // configured here, that fails too, and the invocation fails with both causes in its message.
        env.remove("AzureWebJobsStorage__accountName");
        ActivityLogFunction function = new ActivityLogFunction(() -> BatchHandler.create(config, new TestIdentity(),
                OFFLINE, Duration.ofMillis(1), Clock.systemUTC()), env, new Unprocessed.Clients() {
                    @Override
                    public com.azure.core.credential.TokenCredential credential(String identityClientId) {
                        return new TestIdentity();
                    }

                    @Override
                    public HttpClient http() {
                        return OFFLINE;
                    }
                });
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> ActivityLogFunctionIT
                .batch("0", 1, List.of("{\"records\": []}")).runOn(function, new TestContext("inv-start")));
        assertTrue(failed.getMessage().startsWith("sidedoor could not start (IllegalStateException: rules in "
                + "SIDEDOOR_RULES_DIR failed to load:"), failed.getMessage());
        assertNamesEveryFile(failed.getMessage(), dir);
    }

    private static void assertNamesEveryFile(String message, Path dir) {
        HostileRules.LINES.forEach((file, line) -> assertTrue(message.contains(dir.resolve(file) + ":" + line + ": "),
                file + " in " + message));
    }
}
