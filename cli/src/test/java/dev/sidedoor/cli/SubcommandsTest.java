package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A run builds only the model of the command it runs; help, completion and typos still see every command. */
class SubcommandsTest {

    private static final List<String> ALL = List.of("scan", "rules", "eventbridge-pattern", "baseline", "help",
            "generate-completion");

    @Test
    void aNamedCommandIsBuiltAlone() {
        assertEquals(List.of("scan"), Main.subcommandsFor("scan", "examples/"));
        assertEquals(List.of("rules"), Main.subcommandsFor("rules", "list"));
        assertEquals(List.of("baseline"), Main.subcommandsFor("baseline", "push"));
    }

    @Test
    void helpCompletionNothingAndTyposGetEveryCommand() {
        assertEquals(ALL, Main.subcommandsFor());
        assertEquals(ALL, Main.subcommandsFor("--help"));
        assertEquals(ALL, Main.subcommandsFor("help", "scan"));
        assertEquals(ALL, Main.subcommandsFor("generate-completion"));
        assertEquals(ALL, Main.subcommandsFor("scna"));
        assertEquals(ALL, Main.subcommandsFor("SCAN"));
    }

    @Test
    void theCommandLineBehavesAsWithEveryCommandBuilt() {
        Cli help = Cli.run("--help");
        assertEquals(0, help.exit());
        for (String name : List.of("scan", "rules", "eventbridge-pattern", "baseline", "help")) {
            assertTrue(help.out().contains("  " + name + " "), name + " in\n" + help.out());
        }
        Cli typo = Cli.run("scna", "examples/");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("Did you mean: scan"), typo.err());
        Cli helpScan = Cli.run("help", "scan");
        assertTrue(helpScan.out().contains("--group-by"), helpScan.out());
        Cli completion = Cli.run("generate-completion");
        assertTrue(completion.out().contains("eventbridge-pattern") && completion.out().contains("--group-by"));
        assertEquals(0, Cli.run("rules", "list").exit());
    }
}
