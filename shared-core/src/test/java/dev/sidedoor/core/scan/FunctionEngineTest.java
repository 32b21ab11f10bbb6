package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.testing.HostileRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Lambda and the Azure Function do at start-up with SIDEDOOR_RULES_DIR. */
class FunctionEngineTest {

    @Test
    void hostileRulesFailStartUpNamingEveryFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = HostileRules.write(tmp.resolve("rules"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FunctionEngine.build(dir, null, Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("rules in SIDEDOOR_RULES_DIR failed to load:"), e.getMessage());
        HostileRules.LINES.forEach((file, line) -> assertTrue(
                e.getMessage().contains(dir.resolve(file) + ":" + line + ": "), file + " in " + e.getMessage()));
        assertTrue(e.getMessage().length() < 4000, "clipped: " + e.getMessage().length());
    }

    @Test
    void thousandsOfBrokenRulesMakeAStartUpErrorOfBoundedSize(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        for (int i = 0; i < 500; i++) {
            Files.writeString(dir.resolve(String.format("r%03d.yml", i)), "title: t\ndetection:\n  s:\n    a|nope: "
                    + "x".repeat(5000) + "\n  condition: s\n");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FunctionEngine.build(dir, null, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("r000.yml:4: "), e.getMessage());
        assertTrue(e.getMessage().contains("... and " + (500 - FunctionEngine.MAX_ERRORS_LISTED) + " more"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 30_000, "bounded: " + e.getMessage().length());
    }
}
