package dev.sidedoor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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

/** An SNS topic on moto with an SQS queue subscribed to it, so tests read back exactly what was published. */
final class MotoTopics implements AutoCloseable {

    static final Region REGION = Region.US_EAST_1;
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    final SnsClient sns;
    final SqsClient sqs;

    MotoTopics(MotoServer moto) {
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

    @Override
    public void close() {
        sns.close();
        sqs.close();
    }
}
