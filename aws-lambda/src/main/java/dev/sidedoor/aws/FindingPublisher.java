package dev.sidedoor.aws;

import dev.sidedoor.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes findings to the findings topic and, when configured, a chat notification to the chat topic. Each
 * message gets {@link SnsApi}'s retries; a message that still fails is reported, the others are still sent, and the
 * caller fails the invocation so Lambda retries the event (re-published findings keep their finding_id, so
 * subscribers de-duplicate).
 */
final class FindingPublisher {

    /** A message that could not be published after every attempt. */
    record Failure(String findingId, String topicArn, String error) {
    }

    /**
     * What one call did besides failures.
     *
     * @param failures        messages not published after every attempt (the invocation fails, Lambda retries)
     * @param alreadyPublished findings skipped because the ledger says they went out before (a redelivery)
     * @param ledgerErrors    ledger reads or writes that failed: the message was sent anyway, a retry may repeat it
     */
    record Result(List<Failure> failures, int alreadyPublished, List<String> ledgerErrors) {
    }

    private final SnsApi sns;
    private final String topicArn;
    private final String chatTopicArn;
    private final FindingMessages messages;
    private final ChatNotification chat;
    private final Ledger ledger;

    FindingPublisher(SnsApi sns, Config config, FindingMessages messages, ChatNotification chat) {
        this(sns, config, messages, chat, Ledger.NONE);
    }

    FindingPublisher(SnsApi sns, Config config, FindingMessages messages, ChatNotification chat, Ledger ledger) {
        this.ledger = ledger;
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
    Result publish(List<Finding> findings) {
        List<Failure> failures = new ArrayList<>();
        List<String> ledgerErrors = new ArrayList<>();
        int skipped = 0;
        for (Finding f : findings) {
            boolean findingOut = sentBefore(f.findingId(), ledgerErrors);
            boolean chatOut = chatTopicArn == null || sentBefore(f.findingId() + CHAT_SUFFIX, ledgerErrors);
            skipped += findingOut ? 1 : 0;
            if (findingOut && chatOut) {
                continue;
            }
            SnsApi.Message finding;
            try {
                finding = messages.finding(topicArn, f);
            } catch (RuntimeException e) {
                // One finding that cannot be rendered must cost only itself; the invocation still fails loudly.
                failures.add(new Failure(f.findingId(), topicArn, "could not render the finding: " + e));
                continue;
            }
            if (!findingOut) {
                if (!send(finding, f, failures)) {
                    continue;
                }
                mark(f.findingId(), ledgerErrors);
            }
            if (chatOut) {
                continue;
            }
            String card;
            try {
                card = chat.render(f);
            } catch (RuntimeException e) {
                failures.add(new Failure(f.findingId(), chatTopicArn, "could not render the chat card: " + e));
                continue;
            }
            if (send(SnsApi.Message.of(chatTopicArn, card), f, failures)) {
                mark(f.findingId() + CHAT_SUFFIX, ledgerErrors);
            }
        }
        ledgerErrors.addAll(ledger.settle());
        return new Result(failures, skipped, ledgerErrors);
    }

    /** The chat card's ledger id: the card can fail after its finding went out, and is then sent on the retry. */
    static final String CHAT_SUFFIX = "#chat";

    /** A ledger that cannot be read must not hold a notification back: the message is treated as not sent. */
    private boolean sentBefore(String messageId, List<String> ledgerErrors) {
        try {
            return ledger.published(messageId);
        } catch (RuntimeException e) {
            ledgerErrors.add("checking " + messageId + ": " + e.getMessage());
            return false;
        }
    }

    private void mark(String messageId, List<String> ledgerErrors) {
        try {
            ledger.mark(messageId);
        } catch (RuntimeException e) {
            ledgerErrors.add("marking " + messageId + ": " + e.getMessage());
        }
    }

    private boolean send(SnsApi.Message message, Finding f, List<Failure> failures) {
        try {
            sns.publish(message);
            return true;
        } catch (SnsApi.SnsException e) {
            failures.add(new Failure(f.findingId(), message.topicArn(), "SnsException: " + e.getMessage()));
            return false;
        }
    }
}
