package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.testing.HostileRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:403918276512:sidedoor-findings";

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("SIDEDOOR_TOPIC_ARN", TOPIC);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsAreMediumSidedoorJsonFiveAttemptsNoChat() {
        Config c = Config.fromEnvironment(env("SIDEDOOR_CHAT_TOPIC_ARN", ""));
        assertEquals(TOPIC, c.topicArn());
        assertNull(c.chatTopicArn());
        assertEquals(Severity.MEDIUM, c.minSeverity());
        assertEquals(dev.sidedoor.core.scan.FunctionSettings.Format.SIDEDOOR, c.format());
        assertEquals(5, c.maxAttempts());
        assertNull(c.rulesDir());
    }

    @Test
    void everyBadSettingIsNamedInTheError() {
        assertMessage("SIDEDOOR_TOPIC_ARN", Map.of());
        assertMessage("SIDEDOOR_TOPIC_ARN", env("SIDEDOOR_TOPIC_ARN", "findings"));
        assertMessage("SIDEDOOR_CHAT_TOPIC_ARN", env("SIDEDOOR_CHAT_TOPIC_ARN", "https://hooks.slack.com/x"));
        assertMessage("SIDEDOOR_MIN_SEVERITY", env("SIDEDOOR_MIN_SEVERITY", "urgent"));
        assertMessage("SIDEDOOR_FORMAT", env("SIDEDOOR_FORMAT", "xml"));
        assertMessage("SIDEDOOR_PUBLISH_MAX_ATTEMPTS", env("SIDEDOOR_PUBLISH_MAX_ATTEMPTS", "0"));
        assertMessage("SIDEDOOR_PUBLISH_MAX_ATTEMPTS", env("SIDEDOOR_PUBLISH_MAX_ATTEMPTS", "lots"));
    }

    @Test
    void aMissingRulesDirectoryFailsInitNamingIt() {
        Config c = Config.fromEnvironment(env("SIDEDOOR_RULES_DIR", "/opt/sidedoor/no-such-rules"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> dev.sidedoor.core.scan.FunctionEngine.build(c.rulesDir(), c.tuningFile(), java.time.Clock.systemUTC()));
        assertTrue(e.getMessage().contains("SIDEDOOR_RULES_DIR"), e.getMessage());
    }

    @Test
    void rulesBuiltToCrashTheLoaderFailInitNamingEachFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = HostileRules.write(tmp.resolve("rules"));
        Config c = Config.fromEnvironment(env("SIDEDOOR_RULES_DIR", dir.toString()));
        // The constructor is the Lambda init: an exception there is the init error Lambda reports.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Handler(c, null, java.time.Clock.systemUTC(), System.out));
        assertTrue(e.getMessage().startsWith("rules in SIDEDOOR_RULES_DIR failed to load:"), e.getMessage());
        HostileRules.LINES.forEach((file, line) -> assertTrue(
                e.getMessage().contains(dir.resolve(file) + ":" + line + ": "), file + " in " + e.getMessage()));
    }

    private static void assertMessage(String variable, Map<String, String> env) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Config.fromEnvironment(env));
        assertTrue(e.getMessage().startsWith(variable), e.getMessage());
    }
}
