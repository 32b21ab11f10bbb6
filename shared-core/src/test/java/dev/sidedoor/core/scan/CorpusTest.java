package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.tuning.Tuning;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The public sample corpus in ../shared/corpus (real events, labelled): every "yes" file yields a finding, no "no"
 * file does, and no file errors, except the one sample that is not JSON at all (listed below with the reason).
 */
class CorpusTest {

    /** Published samples that are not JSON in any lenient reading; an error is the right answer for them. */
    private static final Map<String, String> NOT_JSON = Map.of(
            "stratus-red-team/azure.persistence.create-bastion-shareable-link__doc_sample0.jsonc",
            "opens with '{ {' (a doubled brace), which no JSON reader can accept",
            "misc-github/ssm_StartAutomationExecution_AccessDenied_eventbridge_invoked.jsonc",
            "requestID's string has no closing quote, so the next key is swallowed into it");

    /**
     * Labelled "no" upstream, but a failed attempt is still a finding, one severity step lower (the issue's
     * requirement): a denied key push tells a responder that someone tried to reach the VM.
     */
    private static final Map<String, String> FAILED_ATTEMPTS_LABELLED_NO = Map.of(
            "panther-analysis/aws_ec2_multi_instance_connect__2_Public_SSH_Key_Not_Sent_Successfully.json",
            "SendSSHPublicKey denied with AccessDenied");

    static Path corpus() {
        return Paths.get(System.getProperty("user.dir")).resolve("../../shared/corpus").normalize();
    }

    @Test
    void labelledCorpusFilesBehave() throws IOException {
        Path dir = corpus();
        assumeTrue(Files.isRegularFile(dir.resolve("index.jsonl")), "shared corpus not present at " + dir);
        Engine engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
        ObjectMapper mapper = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int yes = 0;
        int no = 0;
        try (BufferedReader index = Files.newBufferedReader(dir.resolve("index.jsonl"))) {
            String line;
            while ((line = index.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = mapper.readTree(line);
                String file = entry.path("file").asText();
                String fire = entry.path("fire").asText();
                InputResult r;
                try (InputStream in = Files.newInputStream(dir.resolve(file))) {
                    r = engine.scan(in, file);
                }
                if (r.stats().rejectedTotal() > 0 && !NOT_JSON.containsKey(file)) {
                    failures.add(file + ": errors " + r.rejections());
                }
                if (NOT_JSON.containsKey(file) && (r.rejections().isEmpty()
                        || !r.rejections().get(0).message().startsWith(file + ": record 1 (line "))) {
                    failures.add(file + ": not JSON (" + NOT_JSON.get(file) + "), expected an error naming the line");
                }
                List<Finding> live = r.findings().stream().filter(f -> !f.suppressed()).toList();
                if (fire.equals("yes")) {
                    yes++;
                    if (live.isEmpty()) {
                        failures.add(file + ": labelled yes, no finding");
                    }
                } else if (fire.equals("no")) {
                    no++;
                    if (FAILED_ATTEMPTS_LABELLED_NO.containsKey(file)) {
                        boolean lowered = !live.isEmpty() && live.stream().allMatch(f ->
                                "failure".equals(f.event().outcome()) && f.notes().stream()
                                        .anyMatch(n -> n.startsWith("severity lowered: the call failed")));
                        if (!lowered) {
                            failures.add(file + ": a failed attempt must be one lowered finding, got " + live);
                        }
                    } else if (!live.isEmpty()) {
                        failures.add(file + ": labelled no, but " + live.stream()
                                .map(f -> f.rule().name() + " " + f.severity().label()).toList());
                    }
                }
            }
        }
        assertTrue(yes >= 40 && no >= 90, "index looks incomplete: yes=" + yes + " no=" + no);
        assertTrue(failures.isEmpty(), failures.size() + " corpus problems:\n" + String.join("\n", failures));
    }
}
