package dev.sidedoor.aws;

import dev.sidedoor.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes findings to the findings topic and, when configured, a chat notification to the chat topic. Each
 * message gets the client's retries; a message that still fails is reported, the others are still sent, and the
 * caller fails the invocation so Lambda retries the event (re-published findings keep their finding_id, so
 * subscribers de-duplicate).
 */
final class FindingPublisher {

    /** A message that could not be published after every attempt. */
    record Failure(String findingId, String topicArn, String error) {
    }

    private final SnsClient sns;
    private final String topicArn;
    private final String chatTopicArn;
    private final FindingMessages messages;
    private final ChatNotification chat;

    FindingPublisher(SnsClient sns, Config config, FindingMessages messages, ChatNotification chat) {
        this.sns = sns;
        this.topicArn = config.topicArn();
        this.chatTopicArn = config.chatTopicArn();
        this.messages = messages;
        this.chat = chat;
    }

    /** Messages sent per finding: the finding, plus a chat notification when chat is on. */
    int messagesPerFinding() {
        return chatTopicArn == null ? 1 : 2;
    }

    /**
     * Publishes every finding; returns the ones that failed, empty when all went out. The chat card goes out only
     * once its finding is published: when the finding fails, the retry of the whole event would otherwise post
     * the card again on every attempt while the finding itself never arrives.
     */
    List<Failure> publish(List<Finding> findings) {
        List<Failure> failures = new ArrayList<>();
        for (Finding f : findings) {
            PublishRequest finding;
            try {
                finding = messages.finding(topicArn, f);
            } catch (RuntimeException e) {
                // One finding that cannot be rendered must cost only itself; the invocation still fails loudly.
                failures.add(new Failure(f.findingId(), topicArn, "could not render the finding: " + e));
                continue;
            }
            if (!send(finding, f, failures) || chatTopicArn == null) {
                continue;
            }
            String card;
            try {
                card = chat.render(f);
            } catch (RuntimeException e) {
                failures.add(new Failure(f.findingId(), chatTopicArn, "could not render the chat card: " + e));
                continue;
            }
            send(PublishRequest.builder().topicArn(chatTopicArn).message(card).build(), f, failures);
        }
        return failures;
    }

    private boolean send(PublishRequest request, Finding f, List<Failure> failures) {
        try {
            sns.publish(request);
            return true;
        } catch (SdkException e) {
            failures.add(new Failure(f.findingId(), request.topicArn(), describe(e)));
            return false;
        }
    }

    private static String describe(SdkException e) {
        String m = e.getMessage();
        Throwable cause = e.getCause();
        if ((m == null || m.isBlank()) && cause != null) {
            m = cause.toString();
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
