package dev.sidedoor.aws.state;

import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.DaySets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The baseline in one DynamoDB table, for one invocation (or one CLI push). Every write is a single atomic
 * {@code UpdateItem} on one item, so concurrent invocations (EventBridge fans out) merge instead of overwriting:
 * days and member days are number sets grown with {@code ADD}, earliest times and the first day are kept with a
 * conditional {@code SET}. Nothing scans the table: reads are {@code GetItem} by key and a {@code Query} of one
 * member partition. Items carry an {@code expires} attribute (epoch seconds) that the table's TTL deletes once the
 * history window has passed, which replaces {@link #evictBefore}.
 *
 * <p>Reads are cached for the life of this object and include its own writes. Any SDK failure (unreachable,
 * throttled after the client's retries) becomes {@link BaselineStore.UnavailableException}, so the caller fails
 * open.
 */
public final class DynamoBaselineStore implements BaselineStore {

    private static final String FIRST_DAY_KEY = "meta#first-day";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int historyDays;
    private final Map<String, int[]> days = new HashMap<>();
    private final Map<String, Map<String, int[]>> members = new HashMap<>();
    private final Map<String, Long> times = new HashMap<>();
    private final Counts counts = new Counts();
    private Integer firstDay;
    private boolean firstDayRead;

    /**
     * @param historyDays how long an item outlives its newest day before TTL removes it (the baseline's window)
     */
    public DynamoBaselineStore(DynamoDbClient dynamo, String table, int historyDays) {
        this.dynamo = dynamo;
        this.table = table;
        this.historyDays = historyDays;
    }

    /** Requests this store made, for the cost figures and for logs. */
    public Counts counts() {
        return counts;
    }

    /** Reads and writes sent to DynamoDB by one store. */
    public static final class Counts {
        private int reads;
        private int writes;

        public int reads() {
            return reads;
        }

        public int writes() {
            return writes;
        }
    }

    @Override
    public int[] days(String key) {
        int[] cached = days.get(key);
        if (cached == null) {
            GetItemResponse r = call(() -> dynamo.getItem(b -> b.tableName(table).key(Keys.item("d", key))));
            counts.reads++;
            cached = r.hasItem() ? numbers(r.item().get("days")) : new int[0];
            days.put(key, cached);
        }
        return cached.clone();
    }

    @Override
    public void add(String key, int epochDay) {
        int[] known = days(key);
        int[] merged = DaySets.add(known, epochDay);
        if (merged == null) {
            return;
        }
        days.put(key, merged);
        grow(Keys.item("d", key), epochDay);
    }

    @Override
    public void addMember(String key, String member, int epochDay) {
        Map<String, int[]> m = members(key);
        String id = Keys.digest(member);
        int[] merged = DaySets.add(m.get(id), epochDay);
        if (merged == null) {
            return;
        }
        m.put(id, merged);
        grow(Keys.member(key, member), epochDay);
    }

    @Override
    public int membersBetween(String key, int from, int epochDay) {
        int n = 0;
        for (int[] d : members(key).values()) {
            if (DaySets.countIn(d, from, epochDay) > 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void noteTime(String key, long epochMillis) {
        long prev = time(key);
        if (epochMillis >= prev) {
            return;
        }
        times.put(key, epochMillis);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":t", n(epochMillis));
        values.put(":e", n(expires((int) Math.floorDiv(epochMillis, 86_400_000L))));
        try {
            call(() -> dynamo.updateItem(b -> b.tableName(table).key(Keys.item("t", key))
                    .updateExpression("SET t = :t, expires = :e")
                    .conditionExpression("attribute_not_exists(t) OR t > :t")
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException earlierKept) {
            // Another invocation noted an earlier time: that one stands.
        }
        counts.writes++;
    }

    @Override
    public long time(String key) {
        Long cached = times.get(key);
        if (cached == null) {
            GetItemResponse r = call(() -> dynamo.getItem(b -> b.tableName(table).key(Keys.item("t", key))));
            counts.reads++;
            AttributeValue t = r.hasItem() ? r.item().get("t") : null;
            cached = t == null ? Long.MAX_VALUE : Long.parseLong(t.n());
            times.put(key, cached);
        }
        return cached;
    }

    @Override
    public String text(String key) {
        GetItemResponse r = call(() -> dynamo.getItem(b -> b.tableName(table).key(Keys.item("x", key))));
        counts.reads++;
        AttributeValue v = r.hasItem() ? r.item().get("v") : null;
        return v == null ? null : v.s();
    }

    @Override
    public void putText(String key, String value) {
        if (value == null) {
            call(() -> dynamo.deleteItem(b -> b.tableName(table).key(Keys.item("x", key))));
        } else {
            Map<String, AttributeValue> item = new HashMap<>(Keys.item("x", key));
            item.put("v", AttributeValue.fromS(value));
            call(() -> dynamo.putItem(b -> b.tableName(table).item(item)));
        }
        counts.writes++;
    }

    @Override
    public OptionalInt firstDay() {
        if (!firstDayRead) {
            GetItemResponse r = call(() -> dynamo.getItem(b -> b.tableName(table)
                    .key(Keys.item("m", FIRST_DAY_KEY))));
            counts.reads++;
            AttributeValue f = r.hasItem() ? r.item().get("f") : null;
            firstDay = f == null ? null : Integer.valueOf(f.n());
            firstDayRead = true;
        }
        return firstDay == null ? OptionalInt.empty() : OptionalInt.of(firstDay);
    }

    @Override
    public void noteDay(int epochDay) {
        OptionalInt first = firstDay();
        if (first.isPresent() && first.getAsInt() <= epochDay) {
            return;
        }
        firstDay = epochDay;
        try {
            call(() -> dynamo.updateItem(b -> b.tableName(table).key(Keys.item("m", FIRST_DAY_KEY))
                    .updateExpression("SET f = :f")
                    .conditionExpression("attribute_not_exists(f) OR f > :f")
                    .expressionAttributeValues(Map.of(":f", n(epochDay)))));
        } catch (ConditionalCheckFailedException earlierKept) {
            // Another invocation saw an earlier day.
        }
        counts.writes++;
    }

    /** TTL evicts: each item expires {@code historyDays} after its newest day. */
    @Override
    public void evictBefore(int epochDay) {
        // Nothing to do here: DynamoDB's TTL deletes what is older than the window, without a scan.
    }

    @Override
    public void evictTimesBefore(int epochDay) {
        // Times expire with TTL like everything else; they only decide which finding of a day told a novelty.
    }

    /** Unknown without a scan; -1. */
    @Override
    public long size() {
        return -1;
    }

    @Override
    public void close() {
        // The client belongs to the container and outlives this store.
    }

    private Map<String, int[]> members(String key) {
        Map<String, int[]> m = members.get(key);
        if (m == null) {
            m = new HashMap<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse r = call(() -> dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression(Keys.PK + " = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.memberPartition(key))))
                        .exclusiveStartKey(from)));
                counts.reads++;
                for (Map<String, AttributeValue> item : r.items()) {
                    m.put(item.get(Keys.SK).s(), numbers(item.get("days")));
                }
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            members.put(key, m);
        }
        return m;
    }

    /** Adds a day to an item's number set, and pushes its expiry out unless an out-of-order day would pull it in. */
    private void grow(Map<String, AttributeValue> key, int epochDay) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":d", AttributeValue.fromNs(List.of(Integer.toString(epochDay))));
        values.put(":e", n(expires(epochDay)));
        try {
            call(() -> dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("ADD days :d SET expires = :e")
                    .conditionExpression("attribute_not_exists(expires) OR expires <= :e")
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException later) {
            // A later day already set a later expiry: add the day alone.
            call(() -> dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("ADD days :d")
                    .expressionAttributeValues(Map.of(":d", values.get(":d")))));
            counts.writes++;
        }
        counts.writes++;
    }

    private long expires(int epochDay) {
        return (epochDay + historyDays + 2L) * 86_400L;
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static int[] numbers(AttributeValue set) {
        if (set == null || !set.hasNs()) {
            return new int[0];
        }
        List<Integer> out = new ArrayList<>(set.ns().size());
        for (String s : set.ns()) {
            out.add(Integer.valueOf(s));
        }
        return out.stream().sorted().mapToInt(Integer::intValue).toArray();
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new BaselineStore.UnavailableException("DynamoDB table " + table + ": " + describe(e), e);
        }
    }

    static String describe(SdkException e) {
        String m = e.getMessage();
        if ((m == null || m.isBlank()) && e.getCause() != null) {
            m = e.getCause().toString();
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
