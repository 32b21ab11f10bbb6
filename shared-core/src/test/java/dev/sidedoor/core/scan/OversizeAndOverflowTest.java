package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.FindingClips;
import dev.sidedoor.core.output.FindingFormat;
import dev.sidedoor.core.output.JsonText;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attacker-sized values and attacker-chosen timestamps: a finding is still made, it still fits the channels it is
 * published on (SNS 256 KB, Event Grid 1 MB per event), and its neighbours are untouched.
 */
class OversizeAndOverflowTest {

    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
    static final int SNS_BODY = 240 * 1024;
    static final int EVENT_GRID_DATA = 512 * 1024;

    static String keyPush(String id, String time, String actor, String userAgent) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + time + "\","
                + "\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"203.0.113.9\",\"eventID\":\"" + id + "\","
                + "\"userAgent\":\"" + userAgent + "\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"" + actor + "\"},"
                + "\"requestParameters\":{\"instanceId\":\"i-0abc000000000001\",\"instanceOSUser\":\"ec2-user\"},"
                + "\"recipientAccountId\":\"111122223333\"}";
    }

    static List<Finding> scan(String... lines) throws Exception {
        InputResult r = ENGINE.scan(new ByteArrayInputStream(String.join("\n", lines)
                .getBytes(StandardCharsets.UTF_8)), "t.jsonl");
        assertEquals(0, r.stats().rejectedTotal(), r.rejections().toString());
        return r.findings();
    }

    @Test
    void megabyteFieldsAreClippedWithANoteAndTheFindingFitsEveryChannel() throws Exception {
        // Non-ASCII is escaped to six bytes in JSON: the worst case for a message's size.
        String padding = "\u00e9\u4e2d".repeat(512 * 1024);
        List<Finding> findings = scan(keyPush("big-1", "2026-11-20T10:00:00Z",
                "arn:aws:iam::111122223333:user/" + padding, padding));
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertTrue(f.userAgent().length() <= FindingClips.MAX_CHARS + 3, "user agent kept whole");
        assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("clipped to " + FindingClips.MAX_CHARS
                + " characters: actor (") && n.contains("user_agent (1048576)")), f.notes().toString());
        for (FindingFormat format : List.of(FindingFormat.sidedoor(), FindingFormat.ocsf("test"))) {
            for (int limit : new int[] {SNS_BODY, EVENT_GRID_DATA, 16 * 1024}) {
                String text = FindingClips.fit(f, x -> JsonText.write(g -> format.write(x, g)), limit);
                assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= limit, limit + ": " + text.length());
                assertTrue(text.contains(f.findingId()));
            }
        }
    }

    @Test
    void aPaddedAzureRequestBodyStillTellsTheRulesWhatTheExtensionIs() throws Exception {
        java.nio.file.Path fixture = java.nio.file.Path.of("src/test/resources/rule-fixtures",
                "azure_vm_extension_command_execution/match/02_custom_script_linux_on_arc_server.json");
        com.fasterxml.jackson.databind.node.ObjectNode record = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(fixture.toFile());
        String body = record.path("properties").path("requestbody").asText();
        for (int padding : new int[] {70_422, 1 << 20}) {
            String padded = body.replace("sh /opt/nw/inventory.sh", "sh /opt/nw/inventory.sh #" + "x".repeat(padding));
            com.fasterxml.jackson.databind.node.ObjectNode copy = record.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("properties")).put("requestbody", padded);
            List<Finding> findings = scan(copy.toString());
            // The specific (high) finding, not the generic extension write it supersedes.
            assertEquals(List.of("azure_vm_extension_command_execution"),
                    findings.stream().map(x -> x.rule().name()).toList(), "padding " + padding);
            Finding f = findings.get(0);
            assertEquals(dev.sidedoor.core.finding.Severity.HIGH, f.severity());
            assertEquals("CustomScript", f.context().get("extension_type"));
            assertTrue(f.context().get("request_body").startsWith("clipped: 1 long string(s)"), f.context().toString());
            assertTrue(f.context().get("script").length() <= FindingClips.MAX_CHARS + 3);
        }
    }

    @Test
    void anOverflowingTimestampYieldsItsFindingMarkedAndSparesItsNeighbours() throws Exception {
        List<Finding> findings = scan(
                keyPush("before", "2026-11-20T10:00:00Z", "arn:aws:iam::111122223333:user/a", "aws-cli/2"),
                keyPush("overflow", "+999999999-12-31T23:59:59Z", "arn:aws:iam::111122223333:user/b", "aws-cli/2"),
                keyPush("after", "2026-11-20T10:00:02Z", "arn:aws:iam::111122223333:user/c", "aws-cli/2"));
        assertEquals(List.of("before", "overflow", "after"), findings.stream().map(f -> f.event().id()).toList());
        Finding odd = findings.get(1);
        assertTrue(odd.notes().contains("event time unparseable: +999999999-12-31T23:59:59Z"), odd.notes().toString());
        for (Finding f : findings) {
            String ocsf = JsonText.write(g -> FindingFormat.ocsf("test").write(f, g));
            assertTrue(ocsf.contains("\"time\":"), ocsf);
            JsonText.write(g -> FindingFormat.sidedoor().write(f, g));
        }
    }
}
