package dev.sidedoor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A moto_server of the test's own, where tests create SNS topics with SQS queues subscribed to them and read back
 * exactly what the handler published.
 */
final class MotoTopics implements AutoCloseable {

    static final Region REGION = Region.US_EAST_1;
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    final MotoServer moto;
    final SnsClient sns;
    final SqsClient sqs;

    static MotoTopics start() throws IOException, InterruptedException {
        return new MotoTopics(MotoServer.start());
    }

    private MotoTopics(MotoServer moto) {
        this.moto = moto;
        this.sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(REGION)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        this.sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(REGION)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A topic with a subscribed queue. */
    record Subscribed(String topicArn, String queueUrl) {
    }

    Subscribed topicWithQueue(String name) {
        String topic = sns.createTopic(b -> b.name(name)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(name + "-q")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
        return new Subscribed(topic, queueUrl);
    }

    /** A FIFO topic (its name ends in ".fifo") with a FIFO queue subscribed, neither deriving ids from content. */
    Subscribed fifoTopicWithQueue(String name) {
        String topic = sns.createTopic(b -> b.name(name + ".fifo").attributes(Map.of("FifoTopic", "true")))
                .topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(name + "-q.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
        return new Subscribed(topic, queueUrl);
    }

    /** The message group of every message waiting on a FIFO queue, in order, deleted as they are read. */
    List<String> drainGroups(String queueUrl) {
        List<String> out = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).attributeNamesWithStrings("MessageGroupId")).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(m.attributesAsStrings().get("MessageGroupId"));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** Every message waiting on the queue, as SNS envelopes, deleted as they are read. */
    List<JsonNode> drain(String queueUrl) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(AwsFixtures.JSON.readTree(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    static Map<String, String> env(String topicArn, String chatTopicArn, String minSeverity) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("SIDEDOOR_TOPIC_ARN", topicArn);
        if (chatTopicArn != null) {
            env.put("SIDEDOOR_CHAT_TOPIC_ARN", chatTopicArn);
        }
        env.put("SIDEDOOR_MIN_SEVERITY", minSeverity);
        env.put("SIDEDOOR_PUBLISH_MAX_ATTEMPTS", "3");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "sidedoor-test");
        return env;
    }

    /** A handler as the Lambda runtime would build it, but publishing to {@code endpoint} and logging to {@code log}. */
    static Handler handler(Map<String, String> env, URI endpoint, ByteArrayOutputStream log) {
        Config config = Config.fromEnvironment(env);
        return new Handler(config, SnsApi.create(config.maxAttempts(), endpoint, REGION, CREDENTIALS),
                Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    Handler handler(Map<String, String> env, ByteArrayOutputStream log) {
        return handler(env, moto.endpoint(), log);
    }

    /** One invocation; returns what the handler wrote as its result. */
    static String invoke(Handler h, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        sns.close();
        sqs.close();
        moto.close();
    }
}
