package dev.sidedoor.core.tuning;

import static dev.sidedoor.core.tuning.TestFindings.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented example file and the test resource load and behave as their comments say. */
class TuningExampleTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    static Path example() {
        // Surefire runs in the module directory; the example lives at the repository root.
        Path p = Path.of("..", "examples", "tuning.yml");
        assertTrue(Files.isRegularFile(p), "examples/tuning.yml not found from " + Path.of("").toAbsolutePath());
        return p;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(TuningExampleTest.class.getResource("/tuning/" + name).toURI());
    }

    @Test
    void exampleFileLoadsAndIsQuietToday() throws Exception {
        Tuning t = Tuning.load(example());
        assertEquals(3, t.suppressionCount());
        assertEquals(2, t.trustedNetworkCount());
        assertEquals(2, t.sensitiveTargetCount());
        assertEquals(List.of(), t.warnings(TODAY));
        assertEquals(1, t.warnings(LocalDate.of(2027, 1, 20)).size(), "the migration suppression ends 2027-01-31");
    }

    @Test
    void exampleFileBehavesAsCommented() throws Exception {
        Tuning t = Tuning.load(example());
        assertEquals("aws-service-callers-run-command",
                t.apply(finding().sourceIp("ssm.amazonaws.com").build(), TODAY).suppression().id());
        assertFalse(t.apply(finding().rule("aws_ssm_start_session_shell").sourceIp("ssm.amazonaws.com").build(), TODAY)
                .suppressed(), "scoped to Run Command");

        Finding patch = finding().sourceIp("10.1.2.3").context("document", "AWS-RunPatchBaseline").build();
        assertEquals("patch-baseline-state-manager", t.apply(patch, TODAY).suppression().id());
        assertFalse(t.apply(finding().sourceIp("10.1.2.3").context("document", "AWS-RunPatchBaseline")
                .actor("arn:aws:sts::111122223333:assumed-role/PatchRoleAdmin/x").build(), TODAY).suppressed());

        Finding db = t.apply(finding().target("i-0db0000000000001").sourceIp("192.0.2.1").build(), TODAY);
        assertEquals(Severity.HIGH, db.severity());
        Finding vpn = t.apply(finding().sourceIp("203.0.113.20").build(), TODAY);
        assertEquals(Severity.LOW, vpn.severity());
    }

    @Test
    void resourceFileLoadsThroughPath() throws Exception {
        Tuning t = Tuning.load(resource("valid.yml"));
        assertEquals(2, t.suppressionCount());
        Finding out = t.apply(finding().sourceIp("inspector2.amazonaws.com").build(), TODAY);
        assertEquals(new Finding.SuppressionRef("inspector-scans", "Amazon Inspector runs its own SSM documents",
                "2027-02-28"), out.suppression());
    }

    @Test
    void resourceWithErrorReportsPathAndLine() throws Exception {
        Path bad = resource("unknown-field.yml");
        TuningException e = org.junit.jupiter.api.Assertions.assertThrows(TuningException.class, () -> Tuning.load(bad));
        assertEquals(bad + ":6: unknown field 'session_name' in match of suppression 'typo'; fields: rule.id, "
                + "rule.name, rule.title, severity, provider, actor, target, source_ip, account, region, user_agent, "
                + "event.action, event.service, event.outcome, context.<key>", e.getMessage());
    }
}
