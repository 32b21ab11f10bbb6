package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events an attacker shaped, through the handler against a real moto_server: megabyte fields, secrets in command
 * text, a timestamp that overflows. Every finding must reach SNS once, fit its message, and tell no secret.
 */
class HostileEventIT extends WithMoto {

    /** SNS refuses messages over 256 KiB; moto enforces it too. */
    private static final int SNS_MAX = 256 * 1024;

    private static AwsFixtures.Fixture fixture(String rule, String fileStart) {
        return AwsFixtures.match().stream()
                .filter(f -> f.rule().equals(rule) && f.file().getFileName().toString().startsWith(fileStart))
                .findFirst().orElseThrow();
    }

    private static List<String> bodies(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("Message").asText()).toList();
    }

    @Test
    void aMegabyteFieldIsClippedAndPublishedOnceWithItsChatCardOnce() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("findings-big");
        MotoTopics.Subscribed chat = aws.topicWithQueue("chat-big");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler h = aws.handler(MotoTopics.env(findings.topicArn(), chat.topicArn(), "informational"), log);
        ObjectNode event = fixture("aws_ec2_instance_connect_send_ssh_public_key", "01").event().deepCopy();
        // Non-ASCII is escaped to six bytes in the finding JSON: the worst case for its size.
        String padding = "\u00e9\u4e2d".repeat(512 * 1024);
        ((ObjectNode) event.path("detail")).put("userAgent", padding);
        ((ObjectNode) event.path("detail").path("userIdentity")).put("userName", padding);
        ((ObjectNode) event.path("detail").path("requestParameters")).put("instanceOSUser", padding);
        MotoTopics.invoke(h, event.toString().getBytes(StandardCharsets.UTF_8));
        List<JsonNode> published = aws.drain(findings.queueUrl());
        assertEquals(1, published.size(), "the finding is published, once");
        String body = published.get(0).path("Message").asText();
        assertTrue(body.getBytes(StandardCharsets.UTF_8).length < SNS_MAX, "body bytes");
        JsonNode finding = AwsFixtures.JSON.readTree(body);
        assertTrue(finding.path("notes").toString().contains("clipped to"), finding.path("notes").toString());
        assertTrue(finding.path("user_agent").asText().length() < 5000);
        assertEquals(1, aws.drain(chat.queueUrl()).size(), "one chat card");
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("\"ERROR\""), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFindingThatCannotBePublishedPostsNoChatCardOnAnyRetry() throws Exception {
        MotoTopics.Subscribed chat = aws.topicWithQueue("chat-orphan");
        String missingTopic = "arn:aws:sns:us-east-1:123456789012:no-such-topic";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler h = aws.handler(MotoTopics.env(missingTopic, chat.topicArn(), "informational"), log);
        byte[] event = fixture("aws_ec2_instance_connect_send_ssh_public_key", "01").bytes();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThrows(Handler.PublishFailedException.class, () -> MotoTopics.invoke(h, event));
        }
        assertEquals(List.of(), aws.drain(chat.queueUrl()), "no card for a finding nobody received");
    }

    @Test
    void secretsInCommandTextAreRedactedInTheFindingAndTheChatCardUnlessFullTextIsChosen() throws Exception {
        AwsFixtures.Fixture fx = fixture("aws_ssm_send_command_shell", "06");
        // Access key, secret key, session token, passwords in variables and arguments, a SAS token, a connection
        // string's account key, a -p argument.
        List<String> secrets = List.of("AKIAV3Q7LMXKQ2EXMPL4", "q7Rk2Wv9Zt4Lm8Np3Xs6Bd1Fh5Jc0Ge7Ty2Uo9Ia",
                "IQoJb3JpZ2luX2VjEKn", "Spring2026-db", "P@ssw0rd-2026", "U2FzVG9rZW5Gb3JUZXN0c09ubHkwMTIz",
                "Q29ubmVjdGlvblN0cmluZ0tleUZvclRlc3Rz", "Hunter2!Autumn");
        for (String mode : List.of("redacted", "full")) {
            MotoTopics.Subscribed findings = aws.topicWithQueue("findings-secrets-" + mode);
            MotoTopics.Subscribed chat = aws.topicWithQueue("chat-secrets-" + mode);
            Map<String, String> env = MotoTopics.env(findings.topicArn(), chat.topicArn(), "informational");
            env.put("SIDEDOOR_COMMAND_TEXT", mode);
            Handler h = aws.handler(env, new ByteArrayOutputStream());
            MotoTopics.invoke(h, fx.bytes());
            String finding = String.join("\n", bodies(aws.drain(findings.queueUrl())));
            String card = String.join("\n", bodies(aws.drain(chat.queueUrl())));
            assertFalse(finding.isEmpty() || card.isEmpty(), mode);
            if (mode.equals("redacted")) {
                for (String s : secrets) {
                    assertFalse(finding.contains(s), s + " in the finding: " + finding);
                    assertFalse(card.contains(s), s + " in the chat card: " + card);
                }
                assertTrue(finding.contains("[redacted sha256:"), finding);
                assertTrue(card.contains("redacted sha256:"), card);
                assertTrue(finding.contains("secret(s) in the command text replaced"), finding);
            } else {
                for (String s : secrets) {
                    assertTrue(finding.contains(s), s + " missing from the full text: " + finding);
                }
            }
        }
    }

    @Test
    void anOverflowingTimestampStillPublishesItsFindingMarkedInEitherFormat() throws Exception {
        for (String format : List.of("sidedoor", "ocsf")) {
            MotoTopics.Subscribed findings = aws.topicWithQueue("findings-time-" + format);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Map<String, String> env = MotoTopics.env(findings.topicArn(), null, "informational");
            env.put("SIDEDOOR_FORMAT", format);
            Handler h = aws.handler(env, log);
            ObjectNode event = fixture("aws_ec2_instance_connect_send_ssh_public_key", "01").event().deepCopy();
            ((ObjectNode) event.path("detail")).put("eventTime", "+999999999-12-31T23:59:59Z");
            String out = MotoTopics.invoke(h, event.toString().getBytes(StandardCharsets.UTF_8));
            assertTrue(out.contains("\"published\":1"), out);
            String body = bodies(aws.drain(findings.queueUrl())).get(0);
            assertTrue(body.contains("event time unparseable"), body);
            // The neighbour event right after it is untouched.
            MotoTopics.invoke(h, fixture("aws_ec2_instance_connect_send_ssh_public_key", "01").bytes());
            assertEquals(1, aws.drain(findings.queueUrl()).size());
            assertFalse(log.toString(StandardCharsets.UTF_8).contains("\"ERROR\""), format);
        }
    }
}
