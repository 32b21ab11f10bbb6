package dev.sidedoor.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.output.FindingFormat;
import dev.sidedoor.core.output.FindingReader;
import dev.sidedoor.core.output.JsonText;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.sigma.SigmaParser;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rule's runbook travels with its findings: sidedoor JSON (and back), OCSF remediation. */
class RunbookTest {

    private static final String RULE = """
            title: Shell on a box
            level: high
            logsource: {product: aws, service: cloudtrail}
            sidedoor:
              runbook:
                check: Read the session's
                  commands in the Session Manager log.
                confirm: Ask the owner.
                contain: Revoke the role's sessions.
            detection:
              sel: {eventSource: ssm.amazonaws.com, eventName: StartSession}
              condition: sel
            """;
    private static final String EVENT = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ssm.amazonaws.com\","
            + "\"eventName\":\"StartSession\",\"eventID\":\"e1\",\"eventTime\":\"2026-12-01T10:00:00Z\"}";

    private static Finding finding(String rule) throws Exception {
        Engine engine = new Engine(SigmaParser.parse(rule, "r.yml"), Tuning.none(), Clock.systemUTC());
        List<Finding> findings = engine.scan(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), "e")
                .findings();
        assertEquals(1, findings.size());
        return findings.get(0);
    }

    @Test
    void theRunbookIsOnTheFindingInSidedoorJsonAndInOcsf() throws Exception {
        Finding f = finding(RULE);
        Finding.Runbook expected = new Finding.Runbook("Read the session's commands in the Session Manager log.",
                "Ask the owner.", "Revoke the role's sessions.");
        assertEquals(expected, f.rule().runbook());

        JsonNode json = new ObjectMapper().readTree(JsonText.write(g -> FindingFormat.sidedoor().write(f, g)));
        assertEquals("Ask the owner.", json.path("rule").path("runbook").path("confirm").asText());
        assertEquals(expected, FindingReader.read(json).rule().runbook());

        JsonNode ocsf = new ObjectMapper().readTree(JsonText.write(g -> FindingFormat.ocsf("1").write(f, g)));
        assertEquals("Check: Read the session's commands in the Session Manager log. Confirm: Ask the owner. "
                + "Contain: Revoke the role's sessions.", ocsf.path("remediation").path("desc").asText());
    }

    @Test
    void aRuleWithoutARunbookHasNone() throws Exception {
        Finding f = finding(RULE.replaceAll("(?s)sidedoor:.*?detection:", "detection:"));
        assertNull(f.rule().runbook());
        JsonNode json = new ObjectMapper().readTree(JsonText.write(g -> FindingFormat.sidedoor().write(f, g)));
        assertEquals(true, json.path("rule").path("runbook").isMissingNode());
    }
}
