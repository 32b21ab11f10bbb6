package dev.sidedoor.aws.state;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Which notifications went out, in the state table: one item per message id (a finding id, or a finding's chat
 * card), written after the message was published and kept for {@link #KEEP} (TTL). A redelivered event or a
 * retried invocation finds the mark and sends nothing twice; a message that failed has no mark and goes out on
 * the retry. Marking after publishing means a crash between the two repeats that one message once, under the same
 * id, and never loses it.
 */
public final class DynamoLedger {

    /** Longer than any redelivery: EventBridge retries for up to 24 hours, Lambda's async queue for up to 6. */
    public static final Duration KEEP = Duration.ofDays(7);

    /** Raised when the ledger cannot be read or written; the caller publishes anyway (never loses) and logs it. */
    public static final class LedgerException extends RuntimeException {
        LedgerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** True when {@code messageId} was marked published (a strongly consistent read). */
    public boolean published(String messageId) {
        try {
            GetItemResponse r = dynamo.getItem(b -> b.tableName(table).key(Keys.item("p", messageId))
                    .consistentRead(true));
            return r.hasItem() && !r.item().isEmpty();
        } catch (SdkException e) {
            throw new LedgerException("DynamoDB table " + table + ": " + DynamoBaselineStore.describe(e), e);
        }
    }

    /** Marks {@code messageId} published at {@code now}. */
    public void mark(String messageId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item("p", messageId));
        item.put("id", AttributeValue.fromS(messageId.length() > 256 ? messageId.substring(0, 256) : messageId));
        item.put("at", AttributeValue.fromS(now.toString()));
        item.put("expires", AttributeValue.fromN(Long.toString(now.plus(KEEP).getEpochSecond())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw new LedgerException("DynamoDB table " + table + ": " + DynamoBaselineStore.describe(e), e);
        }
    }
}
