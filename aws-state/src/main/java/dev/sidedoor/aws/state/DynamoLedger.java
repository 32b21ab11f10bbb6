package dev.sidedoor.aws.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

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

    private final DynamoApi dynamo;
    private final String table;

    public DynamoLedger(DynamoApi dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** True when {@code messageId} was marked published (a strongly consistent read). */
    public boolean published(String messageId) {
        ObjectNode req = Json.object();
        req.put("TableName", table);
        req.set("Key", Keys.item("p", messageId));
        req.put("ConsistentRead", true);
        JsonNode item = dynamo.call("GetItem", req).get("Item");
        return item != null && item.size() > 0;
    }

    /**
     * Which of {@code messageIds} were marked published, in one strongly consistent {@code BatchGetItem} per 100.
     * An id DynamoDB left unprocessed is missing from the answer (ask {@link #published} for it).
     */
    public java.util.Map<String, Boolean> published(java.util.Collection<String> messageIds) {
        java.util.Map<String, Boolean> out = new java.util.HashMap<>();
        java.util.List<String> ids = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(messageIds));
        for (int from = 0; from < ids.size(); from += 100) {
            java.util.Map<String, String> byPk = new java.util.HashMap<>();
            ObjectNode req = Json.object();
            ObjectNode t = req.putObject("RequestItems").putObject(table);
            t.put("ConsistentRead", true);
            com.fasterxml.jackson.databind.node.ArrayNode keys = t.putArray("Keys");
            for (String id : ids.subList(from, Math.min(ids.size(), from + 100))) {
                ObjectNode key = Keys.item("p", id);
                byPk.put(key.path(Keys.PK).path("S").asText(), id);
                keys.add(key);
            }
            JsonNode r = dynamo.call("BatchGetItem", req);
            java.util.Set<String> unprocessed = new java.util.HashSet<>();
            for (JsonNode left : r.path("UnprocessedKeys").path(table).path("Keys")) {
                unprocessed.add(left.path(Keys.PK).path("S").asText());
            }
            java.util.Set<String> present = new java.util.HashSet<>();
            for (JsonNode item : r.path("Responses").path(table)) {
                present.add(item.path(Keys.PK).path("S").asText());
            }
            byPk.forEach((pk, id) -> {
                if (!unprocessed.contains(pk)) {
                    out.put(id, present.contains(pk));
                }
            });
        }
        return out;
    }

    /** Marks {@code messageId} published at {@code now}. */
    public void mark(String messageId, Instant now) {
        ObjectNode req = Json.object();
        req.put("TableName", table);
        ObjectNode item = Keys.item("p", messageId);
        item.putObject("id").put("S", messageId.length() > 256 ? messageId.substring(0, 256) : messageId);
        item.putObject("at").put("S", now.toString());
        item.putObject("expires").put("N", Long.toString(now.plus(KEEP).getEpochSecond()));
        req.set("Item", item);
        dynamo.call("PutItem", req);
    }
}
