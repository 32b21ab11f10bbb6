package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** SigmaHQ's published cloud rules (kept outside the repository) must all load unchanged. */
class SigmaHqConformanceTest {

    private static final Path SIGMAHQ =
            Paths.get(System.getProperty("user.dir")).resolve("../../shared/sigmahq").normalize();

    @Test
    void everySigmaHqCloudRuleLoads() {
        Assumptions.assumeTrue(Files.isDirectory(SIGMAHQ), "SigmaHQ rules not present at " + SIGMAHQ);

        RuleLoader.LoadResult result = RuleLoader.loadDirectory(SIGMAHQ);

        assertEquals(0, result.errors().size(), () -> result.errors().stream()
                .map(SigmaException::getMessage).collect(Collectors.joining("\n")));
        assertEquals(229, result.rules().size());
        Set<String> ids = new HashSet<>();
        for (SigmaRule r : result.rules()) {
            assertTrue(ids.add(r.id()), "duplicate id " + r.id());
            assertTrue(r.logsource().product() != null, r.name());
            assertTrue(r.level() != null, r.name());
        }
    }

    @Test
    void sigmaHqRulesEvaluateWithoutErrors() {
        Assumptions.assumeTrue(Files.isDirectory(SIGMAHQ), "SigmaHQ rules not present at " + SIGMAHQ);
        RuleLoader.LoadResult result = RuleLoader.loadDirectory(SIGMAHQ);
        SigmaDocument empty = JsonSigmaDocument.of("{}");
        SigmaDocument busy = JsonSigmaDocument.of("{\"eventSource\": \"ssm.amazonaws.com\", \"eventName\": "
                + "\"SendCommand\", \"userIdentity\": {\"arn\": \"arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1\"},"
                + " \"requestParameters\": {\"userName\": \"x\", \"instanceIds\": [\"i-1\"]}, \"errorCode\": null}");
        for (SigmaRule r : result.rules()) {
            r.matches(empty);
            r.matches(busy);
        }
        assertTrue(result.rules().stream().anyMatch(r -> r.matches(busy)), "some SigmaHQ rule sees SendCommand");
    }
}
