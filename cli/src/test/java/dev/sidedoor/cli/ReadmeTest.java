package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's rule table is what `rules list --markdown` prints, so the docs cannot drift from the pack. */
class ReadmeTest {

    @Test
    void ruleTableIsCurrent() throws Exception {
        String readme = Files.readString(Cli.repo().resolve("README.md"));
        int start = readme.indexOf("<!-- rules:start");
        int end = readme.indexOf("<!-- rules:end -->");
        assertTrue(start >= 0 && end > start, "README lacks the rules markers");
        String table = readme.substring(readme.indexOf('\n', start) + 1, end);
        Cli r = Cli.run("rules", "list", "--markdown");
        assertEquals(r.out().replace("\r\n", "\n"), table,
                "README rule table is stale: run `java -jar cli/target/sidedoor.jar rules sync` in the project root");
    }

    @Test
    void ciRunsTheReadmeTestCommand() throws Exception {
        String readme = Files.readString(Cli.repo().resolve("README.md"));
        String ci = Files.readString(Cli.repo().resolve(".ci/run"));
        assertTrue(readme.contains("\nmvn -B verify\n"), "README must give `mvn -B verify` as the test command");
        assertTrue(ci.contains("\nmvn -B verify\n"), ".ci/run must run the README's test command");
        assertTrue(Files.isExecutable(Path.of(Cli.repo().resolve(".ci/run").toString())));
    }
}
