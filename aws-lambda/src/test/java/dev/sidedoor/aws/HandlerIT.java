package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The handler end to end against a real moto_server: real EventBridge events in, SNS messages read back from SQS
 * queues subscribed to the findings and chat topics.
 */
class HandlerIT extends WithMoto {

    private static final Engine REFERENCE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());

    @Test
    void everyAwsMustMatchFixturePublishesExactlyItsFindingsWithBodyAndAttributes() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("findings-all");
        MotoTopics.Subscribed chat = aws.topicWithQueue("chat-all");
        Handler h = aws.handler(MotoTopics.env(findings.topicArn(), chat.topicArn(), "informational"),
                new ByteArrayOutputStream());
        FindingMessages reference = new FindingMessages(dev.sidedoor.core.output.FindingFormat.sidedoor());
        Map<String, Finding> expected = new HashMap<>();
        List<AwsFixtures.Fixture> fixtures = AwsFixtures.match();
        assertTrue(fixtures.size() >= 40, "AWS must-match fixtures found: " + fixtures.size());
        for (AwsFixtures.Fixture fx : fixtures) {
            List<Finding> want = REFERENCE.scan(fx.event(), "reference").findings();
            assertTrue(want.stream().anyMatch(f -> f.rule().name().equals(fx.rule())),
                    fx + ": the core itself finds no " + fx.rule());
            want.forEach(f -> expected.put(f.findingId(), f));
            MotoTopics.invoke(h, fx.bytes());
        }
        List<JsonNode> messages = aws.drain(findings.queueUrl());
        assertEquals(expected.size(), messages.size(), "one message per finding, no more, no fewer");
        Set<String> seen = new HashSet<>();
        for (JsonNode envelope : messages) {
            JsonNode attributes = envelope.path("MessageAttributes");
            String id = attributes.path("finding_id").path("Value").asText();
            Finding f = expected.get(id);
            assertTrue(f != null, "unexpected finding " + id);
            assertTrue(seen.add(id), "published twice: " + id);
            // The same finding, but for where its record was read: the reference scan named its input itself.
            com.fasterxml.jackson.databind.node.ObjectNode body =
                    (com.fasterxml.jackson.databind.node.ObjectNode) AwsFixtures.JSON.readTree(
                            envelope.path("Message").asText());
            assertTrue(body.path("origin").path("file").asText().startsWith("event "), body.path("origin").toString());
            assertEquals(1, body.path("origin").path("record").asInt(), id);
            com.fasterxml.jackson.databind.node.ObjectNode want =
                    (com.fasterxml.jackson.databind.node.ObjectNode) AwsFixtures.JSON.readTree(reference.body(f));
            want.remove("origin");
            body.remove("origin");
            assertEquals(want, body, id + " body");
            assertEquals(f.severity().label(), attributes.path("severity").path("Value").asText(), id);
            assertEquals(f.rule().id(), attributes.path("rule_id").path("Value").asText(), id);
            assertEquals(f.rule().name(), attributes.path("rule_name").path("Value").asText(), id);
            assertEquals("aws", attributes.path("provider").path("Value").asText(), id);
            assertEquals("String.Array", attributes.path("technique").path("Type").asText(), id);
            assertEquals(AwsFixtures.JSON.valueToTree(f.techniques()),
                    AwsFixtures.JSON.readTree(attributes.path("technique").path("Value").asText()), id);
            assertEquals(f.account(), attributes.path("account").path("Value").asText(), id);
            assertEquals(FindingMessages.subject(f), envelope.path("Subject").asText(), id);
        }
        List<JsonNode> chats = aws.drain(chat.queueUrl());
        assertEquals(expected.size(), chats.size(), "one chat notification per finding");
        Set<String> chatIds = new HashSet<>();
        for (JsonNode envelope : chats) {
            JsonNode n = AwsFixtures.JSON.readTree(envelope.path("Message").asText());
            assertEquals("1.0", n.path("version").asText());
            assertEquals("custom", n.path("source").asText());
            assertEquals("client-markdown", n.path("content").path("textType").asText());
            chatIds.add(n.path("id").asText());
        }
        assertEquals(expected.keySet(), chatIds);
    }

    @Test
    void lookAlikesPublishNothing() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("findings-none");
        MotoTopics.Subscribed chat = aws.topicWithQueue("chat-none");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler h = aws.handler(MotoTopics.env(findings.topicArn(), chat.topicArn(), "informational"), log);
        int silent = 0;
        for (AwsFixtures.Fixture fx : AwsFixtures.nomatch()) {
            MotoTopics.invoke(h, fx.bytes());
            List<JsonNode> published = aws.drain(findings.queueUrl());
            for (JsonNode m : published) {
                assertFalse(fx.rule().equals(m.path("MessageAttributes").path("rule_name").path("Value").asText()),
                        fx + " is a look-alike for " + fx.rule() + " but was published as one");
            }
            // A look-alike for one rule can be exactly what another rule is for (an SSH session is not a shell):
            // then only that other rule's finding may appear.
            if (REFERENCE.scan(fx.event(), "reference").findings().isEmpty()) {
                assertEquals(List.of(), published, fx + " matches no rule but published");
                silent++;
            }
            aws.drain(chat.queueUrl());
        }
        assertTrue(silent >= 15, "look-alikes that no rule matches: " + silent);
        for (String name : List.of("ssm_command_status_change.json", "ssm_session_state_change.json",
                "ec2_instance_state_change.json")) {
            String out = MotoTopics.invoke(h, resource(name));
            assertTrue(out.contains("\"published\":0"), out);
        }
        assertEquals(List.of(), aws.drain(findings.queueUrl()));
        assertEquals(List.of(), aws.drain(chat.queueUrl()));
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("\"ERROR\""), log.toString());
    }

    @Test
    void findingsBelowTheMinimumSeverityAreCountedNotPublished() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("findings-min");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler h = aws.handler(MotoTopics.env(findings.topicArn(), null, "medium"), log);
        for (AwsFixtures.Fixture fx : AwsFixtures.match()) {
            if (fx.rule().equals("aws_ssm_terminate_session")) {
                MotoTopics.invoke(h, fx.bytes());
            }
        }
        assertEquals(List.of(), aws.drain(findings.queueUrl()));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("\"BelowThreshold\":1"), log.toString());
    }

    @Test
    void aMalformedEventFailsTheInvocationNamingItsIdAndPublishesNothing() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("findings-bad");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler h = aws.handler(MotoTopics.env(findings.topicArn(), null, "informational"), log);
        Handler.MalformedEventException notJson = assertThrows(Handler.MalformedEventException.class,
                () -> MotoTopics.invoke(h, "{\"id\": \"abc\", \"detail\": ".getBytes(StandardCharsets.UTF_8)));
        assertTrue(notJson.getMessage().contains("not a JSON event"), notJson.getMessage());
        byte[] wrongDetail = ("{\"version\":\"0\",\"id\":\"7b0c4a5e-bad-detail\",\"detail-type\":"
                + "\"AWS API Call via CloudTrail\",\"source\":\"aws.ssm\",\"detail\":\"not an object\"}")
                .getBytes(StandardCharsets.UTF_8);
        Handler.MalformedEventException wrong = assertThrows(Handler.MalformedEventException.class,
                () -> MotoTopics.invoke(h, wrongDetail));
        assertTrue(wrong.getMessage().contains("7b0c4a5e-bad-detail"), wrong.getMessage());
        String logs = log.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("\"message\":\"malformed event\",\"event_id\":\"7b0c4a5e-bad-detail\"")
                || logs.contains("\"event_id\":\"7b0c4a5e-bad-detail\""), logs);
        assertTrue(logs.contains("\"Errors\":1"), logs);
        assertEquals(List.of(), aws.drain(findings.queueUrl()));
    }

    @Test
    void aCustomEventShapedLikeCloudTrailIsIgnoredWithAWarningAndPublishesNothing() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("findings-forged");
        MotoTopics.Subscribed chat = aws.topicWithQueue("chat-forged");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler h = aws.handler(MotoTopics.env(findings.topicArn(), chat.topicArn(), "informational"), log);
        AwsFixtures.Fixture genuine = AwsFixtures.match().stream()
                .filter(fx -> fx.rule().equals("aws_ssm_start_session_shell")).findFirst().orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode forged = genuine.event().deepCopy();
        forged.put("source", "com.attacker.custom");
        ((com.fasterxml.jackson.databind.node.ObjectNode) forged.path("detail").path("userIdentity"))
                .put("arn", "arn:aws:iam::403918276512:user/the-ciso");
        String out = MotoTopics.invoke(h, forged.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(out.contains("\"published\":0") && out.contains("not an AWS service"), out);
        forged.remove("source");
        MotoTopics.invoke(h, forged.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), aws.drain(findings.queueUrl()));
        assertEquals(List.of(), aws.drain(chat.queueUrl()));
        String logs = log.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("\"level\":\"WARN\"") && logs.contains("\"source\":\"com.attacker.custom\""), logs);
        assertTrue(logs.contains("\"source\":\"(none)\""), logs);
        assertTrue(logs.contains("\"UntrustedSource\":1"), logs);
        // The genuine event still publishes.
        MotoTopics.invoke(h, genuine.bytes());
        assertEquals(1, aws.drain(findings.queueUrl()).size());
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (var in = HandlerIT.class.getResourceAsStream("/eventbridge/" + name)) {
            if (in == null) {
                throw new java.io.FileNotFoundException("/eventbridge/" + name);
            }
            return in.readAllBytes();
        }
    }
}
