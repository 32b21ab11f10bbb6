package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnsApi against moto_server: what arrives is exactly what was sent, and SNS's errors are retried or not as SNS means them. */
class SnsApiIT extends WithMoto {

    /** Log-derived text shaped like more form parameters, percent escapes, line breaks and non-ASCII. */
    private static final String HOSTILE = "a&Action=Subscribe&Endpoint=https://evil.example/&TopicArn=x=y+z %41%2"
            + "\r\nline 2\t\u00e9\u4e2d\ud83d\ude00 <Code>Throttling</Code> &amp; \"quoted\" ~*'()!";

    private static SnsApi api(java.net.URI endpoint) {
        return SnsApi.create(3, endpoint, MotoTopics.REGION, MotoTopics.CREDENTIALS);
    }

    @Test
    void bodySubjectAndAttributesArriveExactlyAsSent() throws Exception {
        MotoTopics.Subscribed topic = aws.topicWithQueue("snsapi-exact");
        Map<String, SnsApi.Attribute> attributes = new LinkedHashMap<>();
        attributes.put("severity", new SnsApi.Attribute("String", "high"));
        attributes.put("rule_name", new SnsApi.Attribute("String", HOSTILE));
        attributes.put("technique", new SnsApi.Attribute("String.Array", "[\"T1021.008\",\"T1098.004\"]"));
        try (SnsApi sns = api(aws.moto.endpoint())) {
            sns.publish(new SnsApi.Message(topic.topicArn(), "[sidedoor high] a subject", HOSTILE, attributes));
        }
        List<JsonNode> got = aws.drain(topic.queueUrl());
        assertEquals(1, got.size(), "one Publish, one message (no extra parameter smuggled in)");
        JsonNode m = got.get(0);
        assertEquals(HOSTILE, m.path("Message").asText());
        assertEquals("[sidedoor high] a subject", m.path("Subject").asText());
        assertEquals(topic.topicArn(), m.path("TopicArn").asText());
        JsonNode attrs = m.path("MessageAttributes");
        assertEquals(3, attrs.size(), attrs.toString());
        assertEquals("high", attrs.path("severity").path("Value").asText());
        assertEquals(HOSTILE, attrs.path("rule_name").path("Value").asText());
        assertEquals("String.Array", attrs.path("technique").path("Type").asText());
        assertEquals("[\"T1021.008\",\"T1098.004\"]", attrs.path("technique").path("Value").asText());
    }

    @Test
    void aFifoTopicTakesTheMessageInItsGroupAndOnceWhenSentTwice() throws Exception {
        // Without a group SNS refuses every Publish to a FIFO topic: such a topic given as the findings topic
        // would have dead-lettered every finding.
        MotoTopics.Subscribed topic = aws.fifoTopicWithQueue("snsapi-fifo");
        SnsApi.Message first = new SnsApi.Message(topic.topicArn(), "s", "finding one", Map.of(), "123456789012");
        SnsApi.Message second = new SnsApi.Message(topic.topicArn(), "s", "finding two", Map.of(), "123456789012");
        try (SnsApi sns = api(aws.moto.endpoint())) {
            sns.publish(first);
            sns.publish(first); // a retry after an answer that never came back
            sns.publish(second);
        }
        assertEquals(List.of("123456789012", "123456789012"), aws.drainGroups(topic.queueUrl()),
                "two messages, the repeat deduplicated, both in the account's group");
    }

    @Test
    void throttlingIsRetriedAndTheMessageGoesOutOnce() throws Exception {
        MotoTopics.Subscribed topic = aws.topicWithQueue("snsapi-throttled");
        try (FlakyProxy proxy = new FlakyProxy(aws.moto.endpoint()); SnsApi sns = api(proxy.endpoint())) {
            proxy.failNext(2, 400, "Throttling");
            sns.publish(SnsApi.Message.of(topic.topicArn(), "after two throttles"));
            assertEquals(3, proxy.requests());
        }
        List<JsonNode> got = aws.drain(topic.queueUrl());
        assertEquals(1, got.size());
        assertEquals("after two throttles", got.get(0).path("Message").asText());
    }

    @Test
    void aRefusalIsNotRetriedAndSaysWhatSnsSaid() throws Exception {
        MotoTopics.Subscribed topic = aws.topicWithQueue("snsapi-refused");
        try (FlakyProxy proxy = new FlakyProxy(aws.moto.endpoint()); SnsApi sns = api(proxy.endpoint())) {
            proxy.failNext(1, 403, "AuthorizationError");
            SnsApi.SnsException e = assertThrows(SnsApi.SnsException.class,
                    () -> sns.publish(SnsApi.Message.of(topic.topicArn(), "refused")));
            assertEquals(1, proxy.requests(), "an authorisation error does not get better by asking again");
            assertTrue(e.getMessage().startsWith("AuthorizationError: test: endpoint down & out (HTTP 403)"),
                    e.getMessage());
        }
        assertEquals(List.of(), aws.drain(topic.queueUrl()));
    }

    @Test
    void aTopicThatDoesNotExistIsMotosOwnRefusal() {
        String missing = "arn:aws:sns:us-east-1:123456789012:no-such-topic";
        try (SnsApi sns = api(aws.moto.endpoint())) {
            SnsApi.SnsException e = assertThrows(SnsApi.SnsException.class,
                    () -> sns.publish(SnsApi.Message.of(missing, "nowhere")));
            assertTrue(e.getMessage().contains("NotFound"), e.getMessage());
            assertTrue(!e.getMessage().contains("attempts"), "not retried: " + e.getMessage());
        }
    }

    @Test
    void serverErrorsAreRetriedUpToTheAttemptsAndThenSaySo() throws Exception {
        MotoTopics.Subscribed topic = aws.topicWithQueue("snsapi-down");
        try (FlakyProxy proxy = new FlakyProxy(aws.moto.endpoint()); SnsApi sns = api(proxy.endpoint())) {
            proxy.failNext(5, 500, "InternalError");
            SnsApi.SnsException e = assertThrows(SnsApi.SnsException.class,
                    () -> sns.publish(SnsApi.Message.of(topic.topicArn(), "down")));
            assertEquals(3, proxy.requests());
            assertTrue(e.getMessage().contains("InternalError") && e.getMessage().contains("after 3 attempts"),
                    e.getMessage());
        }
    }
}
