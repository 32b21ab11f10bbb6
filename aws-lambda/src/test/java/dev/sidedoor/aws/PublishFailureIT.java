package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Publishing when SNS is down: the invocation fails loudly after the retries (so Lambda keeps the event), and a
 * later invocation with SNS back publishes the same finding, with the same finding_id.
 */
class PublishFailureIT extends WithMoto {

    private static AwsFixtures.Fixture sshKeyPush() {
        return AwsFixtures.match().stream()
                .filter(f -> f.rule().equals("aws_ec2_instance_connect_send_ssh_public_key")).findFirst()
                .orElseThrow();
    }

    @Test
    void errorsFromSnsAreRetriedThenFailTheInvocationAndTheNextInvocationPublishesTheSameFinding()
            throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("findings-flaky");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (FlakyProxy proxy = new FlakyProxy(aws.moto.endpoint())) {
            Handler h = MotoTopics.handler(MotoTopics.env(findings.topicArn(), null, "low"), proxy.endpoint(),
                    log);
            byte[] event = sshKeyPush().bytes();

            Handler.PublishFailedException down = assertThrows(Handler.PublishFailedException.class,
                    () -> MotoTopics.invoke(h, event));
            assertEquals(3, proxy.requests(), "SIDEDOOR_PUBLISH_MAX_ATTEMPTS=3 attempts, then give up");
            assertTrue(down.getMessage().contains("could not be published after every retry"), down.getMessage());
            assertTrue(down.getMessage().contains("ServiceUnavailable") || down.getMessage().contains("503"),
                    down.getMessage());
            assertEquals(List.of(), aws.drain(findings.queueUrl()));
            String logs = log.toString(StandardCharsets.UTF_8);
            assertTrue(logs.contains("\"message\":\"finding not published after every retry\""), logs);
            assertTrue(logs.contains("\"PublishFailures\":1"), logs);
            String failedId = logs.replaceAll("(?s).*\"finding_id\":\"(sd-[^\"]+)\".*", "$1");

            proxy.fail(false);
            MotoTopics.invoke(h, event);
            List<JsonNode> published = aws.drain(findings.queueUrl());
            assertEquals(1, published.size());
            assertEquals(failedId, published.get(0).path("MessageAttributes").path("finding_id").path("Value")
                    .asText(), "the retried event publishes the finding under the same id");
        }
    }

    @Test
    void anUnreachableEndpointFailsTheInvocationWithAClearError() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("findings-unreachable");
        URI closed = URI.create("http://127.0.0.1:" + MotoServer.freePort());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler h = MotoTopics.handler(MotoTopics.env(findings.topicArn(), null, "low"), closed, log);
        Handler.PublishFailedException e = assertThrows(Handler.PublishFailedException.class,
                () -> MotoTopics.invoke(h, sshKeyPush().bytes()));
        assertTrue(e.getMessage().contains("Unable to execute HTTP request")
                || e.getMessage().contains("Connection refused"), e.getMessage());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("\"level\":\"ERROR\""));
    }
}
