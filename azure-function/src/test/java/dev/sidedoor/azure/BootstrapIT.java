package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A new deployment is quiet from its first day: the real command line learns sixteen days of Activity Log into a
 * --state directory, `sidedoor baseline push` copies it into Azurite's table service, and the Function then judges
 * the seventeenth day exactly as the command line does with the same state: the learnt routine is routine.
 */
class BootstrapIT extends StatefulAzure {

    /** Azurite's well-known development account key (public, documented by Microsoft). */
    static final String DEV_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static String cli(List<String> args) throws Exception {
        return CliProcess.run(args);
    }

    private static TreeSet<String> notified(String jsonl) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (String line : jsonl.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode f = AzureFixtures.JSON.readTree(line);
                if (!f.has("correlation")) {
                    out.add(f.path("finding_id").asText() + "." + f.path("event").path("outcome").asText() + " "
                            + f.path("severity").asText());
                }
            }
        }
        return out;
    }

    @Test
    void aBaselineLearntFromArchivesAndPushedMakesTheFunctionJudgeLikeTheCli() throws Exception {
        List<List<String>> days = BaselineFunctionIT.organisation();
        int last = BaselineFunctionIT.DAYS - 1;
        Path dir = Files.createTempDirectory(Path.of("target"), "bootstrap-");
        List<String> archive = new ArrayList<>();
        for (int d = 0; d < last; d++) {
            archive.addAll(days.get(d));
        }
        Path archived = Files.writeString(dir.resolve("archive.jsonl"), String.join("\n", archive) + "\n");
        Path state = dir.resolve("state");
        cli(List.of("scan", "--state", state.toString(), "--format", "jsonl", archived.toString()));

        Map<String, String> env = statefulEnv("medium");
        String table = env.get("SIDEDOOR_BASELINE_TABLE");
        String endpoint = env.get("SIDEDOOR_TABLE_URI");
        String pushed = cli(List.of("baseline", "push", "--state", state.toString(), "--connection-string",
                "DefaultEndpointsProtocol=https;AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + DEV_KEY
                        + ";TableEndpoint=" + endpoint + ";",
                "azure-table://" + Azurite.ACCOUNT + "/" + table));
        assertTrue(pushed.contains("to Azure table " + table), pushed);

        // The last day, after the push: through the Function, and through the CLI continuing on its own state.
        Path lastDay = Files.writeString(dir.resolve("last.jsonl"), String.join("\n", days.get(last)) + "\n");
        TreeSet<String> expected = notified(cli(List.of("scan", "--state", state.toString(), "--format", "jsonl",
                "--min-severity", "medium", lastDay.toString())));
        azure.grid.clear();
        run(azure.handler(env), "inv-bootstrapped", days.get(last));
        TreeSet<String> function = new TreeSet<>(published().stream()
                .map(e -> e.path("id").asText() + " " + e.path("severity").asText()).toList());
        assertEquals(expected, function);

        // Without the push the same day is loud: nothing is known, everything is told at its rule's level.
        azure.grid.clear();
        run(azure.handler(statefulEnv("medium")), "inv-empty", days.get(last));
        int unlearnt = published().size();
        assertTrue(function.size() < unlearnt, "pushed: " + function.size() + " notifications, empty: " + unlearnt);
    }
}
