package dev.sidedoor.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.read.Position;
import dev.sidedoor.core.read.RecordSink;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.sigma.SigmaParser;
import dev.sidedoor.core.sigma.SigmaRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventBridgePatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode derive(String... rules) throws Exception {
        List<SigmaRule> loaded = new ArrayList<>();
        int i = 0;
        for (String r : rules) {
            loaded.addAll(SigmaParser.parse(r, "rule" + (i++) + ".yml"));
        }
        return EventBridgePattern.derive(new Detector(loaded).cloudTrailRules());
    }

    private static String rule(String detection) {
        return "title: t\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n" + detection;
    }

    /** EventBridge's matching for the subset the derivation emits: strings, prefix, suffix, $or, nested maps. */
    static boolean delivers(JsonNode pattern, JsonNode event) {
        var fields = pattern.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (e.getKey().equals("$or")) {
                boolean any = false;
                for (JsonNode alt : e.getValue()) {
                    any |= delivers(alt, event);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            JsonNode value = event.get(e.getKey());
            if (e.getValue().isObject()) {
                if (value == null || !delivers(e.getValue(), value)) {
                    return false;
                }
                continue;
            }
            if (value == null || !value.isTextual()) {
                return false;
            }
            boolean any = false;
            for (JsonNode m : e.getValue()) {
                String v = value.textValue();
                any |= m.isTextual() ? m.textValue().equals(v)
                        : m.has("prefix") ? v.startsWith(m.get("prefix").textValue())
                        : m.has("suffix") && v.endsWith(m.get("suffix").textValue());
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode envelope(JsonNode record) {
        var e = JSON.createObjectNode();
        e.put("source", "aws." + record.path("eventSource").asText("ec2.amazonaws.com").replace(".amazonaws.com", ""));
        // Console sign-ins arrive under their own detail type (source aws.signin).
        e.put("detail-type", "AwsConsoleSignIn".equals(record.path("eventType").asText())
                ? "AWS Console Sign In via CloudTrail" : "AWS API Call via CloudTrail");
        e.set("detail", record);
        return e;
    }

    /** The records a fixture holds, taken out of their envelope by the reader the Lambda uses. */
    private static List<JsonNode> cloudTrailRecords(Path f) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (var in = Files.newInputStream(f)) {
            new LogReader().read(in, f.toString(), new RecordSink() {
                @Override
                public void record(Position position, JsonNode record) {
                    records.add(record);
                }

                @Override
                public void rejected(Rejection rejection) {
                    problems.add(rejection.message());
                }

                @Override
                public void skipped(String reason) {
                    problems.add(reason);
                }
            });
        }
        assertTrue(problems.isEmpty(), f + ": " + problems);
        return records;
    }

    @Test
    void builtInPatternDeliversEveryAwsMustMatchFixture() throws Exception {
        JsonNode pattern = EventBridgePattern.derive(new Detector(BuiltInRules.load()).cloudTrailRules());
        int checked = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/rule-fixtures"))) {
            for (Path f : files.filter(p -> p.toString().contains("/aws_") && p.toString().contains("/match/"))
                    .toList()) {
                // A fixture may be saved as an S3 log file, a lookup-events answer or an EventBridge event: the
                // bus sees the CloudTrail record inside, so that is what the pattern is checked against.
                List<JsonNode> records = cloudTrailRecords(f);
                assertEquals(1, records.size(), f + " must hold exactly one record");
                assertTrue(delivers(pattern, envelope(records.get(0))), f + " would never reach the Lambda");
                checked++;
            }
        }
        assertTrue(checked >= 40, "fixtures checked: " + checked);
    }

    @Test
    void builtInPatternDropsUnrelatedCalls() throws Exception {
        JsonNode pattern = EventBridgePattern.derive(new Detector(BuiltInRules.load()).cloudTrailRules());
        for (String[] call : new String[][] {{"athena.amazonaws.com", "StartSession"},
                {"ssm.amazonaws.com", "GetParameter"}, {"ec2.amazonaws.com", "RunInstances"},
                {"s3.amazonaws.com", "CreateBucket"}}) {
            var record = JSON.createObjectNode().put("eventSource", call[0]).put("eventName", call[1]);
            assertTrue(!delivers(pattern, envelope(record)), call[0] + " " + call[1] + " is delivered");
        }
        // A custom event shaped like a CloudTrail call: anyone allowed to put events on the bus can send one.
        var forged = (com.fasterxml.jackson.databind.node.ObjectNode) envelope(JSON.createObjectNode()
                .put("eventSource", "ssm.amazonaws.com").put("eventName", "StartSession"));
        assertTrue(delivers(pattern, forged), "the genuine shape is delivered");
        forged.put("source", "com.attacker.custom");
        assertTrue(!delivers(pattern, forged), "a custom source is delivered");
        var other = JSON.createObjectNode().put("detail-type", "EC2 Command Status-change Notification");
        other.putObject("detail").put("eventSource", "ssm.amazonaws.com").put("eventName", "SendCommand");
        assertTrue(!delivers(pattern, other));
    }

    @Test
    void theConsoleSignInDetailTypeIsAskedForOnlyWhenARuleNeedsASignInEvent() throws Exception {
        JsonNode api = derive(rule("""
                  sel:
                    eventSource: ssm.amazonaws.com
                    eventName: StartSession
                  condition: sel
                """));
        assertEquals("[\"AWS API Call via CloudTrail\"]", api.path("detail-type").toString());
        JsonNode signIn = derive(rule("""
                  sel:
                    eventSource: signin.amazonaws.com
                    eventName: ConsoleLogin
                  condition: sel
                """));
        assertEquals("[\"AWS API Call via CloudTrail\",\"AWS Console Sign In via CloudTrail\"]",
                signIn.path("detail-type").toString());
        JsonNode anySource = derive(rule("""
                  sel:
                    eventName|startswith: Console
                  condition: sel
                """));
        assertEquals(2, anySource.path("detail-type").size());
    }

    @Test
    void pairsAreKeptPerSourceAndNamesNeededFromAnySourceStandAlone() throws Exception {
        JsonNode p = derive(rule("""
                  sel:
                    eventSource: ssm.amazonaws.com
                    eventName: [StartSession, ResumeSession]
                  condition: sel
                """), rule("""
                  sel:
                    eventSource: ec2.amazonaws.com
                    eventName|startswith: EnableSerial
                  other:
                    eventName: SomethingElse
                  condition: sel or other
                """));
        assertEquals(JSON.readTree("""
                {"source":[{"prefix":"aws."}],"detail-type":["AWS API Call via CloudTrail"],"$or":[
                 {"detail":{"eventName":["SomethingElse"]}},
                 {"detail":{"eventSource":["ec2.amazonaws.com"],"eventName":[{"prefix":"EnableSerial"}]}},
                 {"detail":{"eventSource":["ssm.amazonaws.com"],"eventName":["ResumeSession","StartSession"]}}]}
                """), p);
    }

    @Test
    void aNegatedOrFilteredNameIsNotDelivered() throws Exception {
        JsonNode p = derive(rule("""
                  sel:
                    eventSource: ssm.amazonaws.com
                    eventName: [StartSession, TerminateSession]
                  filter:
                    eventName: TerminateSession
                  condition: sel and not filter
                """));
        assertEquals("[\"StartSession\"]", p.path("$or").path(0).path("detail").path("eventName").toString());
    }

    @Test
    void aRuleThatDoesNotPinTheEventNameIsRefusedByName() {
        IllegalArgumentException wildcard = assertThrows(IllegalArgumentException.class, () -> derive(rule("""
                  sel:
                    eventSource: ssm.amazonaws.com
                    eventName: Start*
                  condition: sel
                """)));
        assertTrue(wildcard.getMessage().contains("rule0"), wildcard.getMessage());
        assertThrows(IllegalArgumentException.class, () -> derive(rule("""
                  sel:
                    eventSource: ssm.amazonaws.com
                  condition: sel
                """)));
        assertThrows(IllegalArgumentException.class, () -> derive(rule("""
                  sel:
                    eventSource: ssm.amazonaws.com
                    eventName: StartSession
                  other:
                    userAgent|contains: evil
                  condition: sel or other
                """)));
        assertThrows(IllegalArgumentException.class, () -> derive(rule("""
                  sel:
                    eventName|re: ^Start
                  condition: sel
                """)));
    }

    @Test
    void noCloudTrailRuleMeansNoPattern() {
        assertThrows(IllegalArgumentException.class,
                () -> EventBridgePattern.derive(new Detector(List.of()).cloudTrailRules()));
    }
}
