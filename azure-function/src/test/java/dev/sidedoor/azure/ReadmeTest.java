package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.output.FindingFormat;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The example event in the README is what the function publishes for a Run Command fixture, byte for byte. */
class ReadmeTest {

    static final Path README = Path.of("README.md");
    static final String FIXTURE = "azure_vm_run_command/match/01_diag_success_uppercase.json";

    @Test
    void everySettingTheFunctionReadsIsDocumented() throws Exception {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("## App settings"), readme.indexOf("## Permissions"));
        for (String setting : Config.VARIABLES) {
            assertTrue(section.contains("| `" + setting + "` |"), setting + " is not in the README's App settings");
        }
    }

    @Test
    void theExampleCloudEventIsCurrent() throws Exception {
        Engine engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
        Finding f = engine.scan(new ByteArrayInputStream(Files.readAllBytes(AzureFixtures.DIR.resolve(FIXTURE))),
                FIXTURE).findings().get(0);
        String wire = DeadLetters.json(new FindingEvents(FindingFormat.sidedoor()).of(f));
        String pretty = AzureFixtures.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(AzureFixtures.JSON.readTree(wire)).replace("\r\n", "\n");
        String expected = "```json\n" + pretty + "\n```\n";
        String readme = Files.readString(README);
        int start = readme.indexOf("<!-- event-example:start -->");
        int end = readme.indexOf("<!-- event-example:end -->");
        assertTrue(start >= 0 && end > start, "README lacks the event-example markers");
        String actual = readme.substring(readme.indexOf('\n', start) + 1, end);
        if (!expected.equals(actual)) {
            Files.writeString(Path.of("target", "readme-event-example.md"), expected);
        }
        assertEquals(expected, actual, "README example event is stale: the current one is in "
                + "target/readme-event-example.md");
    }
}
