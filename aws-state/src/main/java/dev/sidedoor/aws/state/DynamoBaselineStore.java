package dev.sidedoor.aws.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.DaySets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The baseline in one DynamoDB table, for one invocation (or one CLI push). Every write is a single atomic
 * {@code UpdateItem} on one item, so concurrent invocations (EventBridge fans out) merge instead of overwriting:
 * days and member days are number sets grown with {@code ADD}, earliest times and the first day are kept with a
 * conditional {@code SET}. Nothing scans the table: reads are {@code GetItem} by key and a {@code Query} of one
 * member partition. Items carry an {@code expires} attribute (epoch seconds) that the table's TTL deletes once the
 * history window has passed, which replaces {@link #evictBefore}.
 *
 * <p>Reads are cached for the life of this object and include its own writes; {@link #prefetch} fetches what a
 * judgement will read in one {@code BatchGetItem} per 100 keys. Writes are kept until {@link #flush}, which sends
 * them in parallel. Any failure (unreachable, throttled after the retries) becomes
 * {@link BaselineStore.UnavailableException}, so the caller fails open.
 */
public final class DynamoBaselineStore implements BaselineStore {

    static final String FIRST_DAY_KEY = "meta#first-day";

    private final DynamoApi dynamo;
    private final String table;
    private final int historyDays;
    private final Map<String, int[]> days = new HashMap<>();
    private final Map<String, Map<String, int[]>> members = new HashMap<>();
    private final Map<String, Long> times = new HashMap<>();
    private final java.util.List<Runnable> pending = new java.util.ArrayList<>();
    private int reads;
    private int writes;
    private Integer firstDay;
    private boolean firstDayRead;

    /** @param historyDays how long an item outlives its newest day before TTL removes it (the baseline's window) */
    public DynamoBaselineStore(DynamoApi dynamo, String table, int historyDays) {
        this.dynamo = dynamo;
        this.table = table;
        this.historyDays = historyDays;
    }

    /** Requests sent so far, for the cost figures and the metrics. */
    public int reads() {
        return reads;
    }

    public int writes() {
        return writes;
    }

    @Override
    public boolean prefetches() {
        return true;
    }

    @Override
    public void prefetch(java.util.Collection<String> dayKeys, java.util.Collection<String> memberKeys,
            java.util.Collection<String> timeKeys) {
        // Member partitions are queried side by side with the batched reads.
        Map<String, java.util.concurrent.CompletableFuture<Map<String, int[]>>> queried = new java.util.LinkedHashMap<>();
        for (String k : memberKeys) {
            if (!members.containsKey(k) && !queried.containsKey(k)) {
                queried.put(k, java.util.concurrent.CompletableFuture.supplyAsync(() -> query(k), DynamoApi.WRITERS));
            }
        }
        Map<String, Runnable> absent = new java.util.LinkedHashMap<>();
        Map<String, java.util.function.Consumer<JsonNode>> found = new HashMap<>();
        java.util.List<ObjectNode> keys = new java.util.ArrayList<>();
        for (String k : dayKeys) {
            if (!days.containsKey(k)) {
                ObjectNode key = Keys.item("d", k);
                String pk = key.path(Keys.PK).path("S").asText();
                if (found.put(pk, item -> days.put(k, numbers(item.get("days")))) == null) {
                    keys.add(key);
                    absent.put(pk, () -> days.put(k, new int[0]));
                }
            }
        }
        for (String k : timeKeys) {
            if (!times.containsKey(k)) {
                ObjectNode key = Keys.item("t", k);
                String pk = key.path(Keys.PK).path("S").asText();
                if (found.put(pk, item -> times.put(k, item.has("t")
                        ? Long.parseLong(item.path("t").path("N").asText()) : Long.MAX_VALUE)) == null) {
                    keys.add(key);
                    absent.put(pk, () -> times.put(k, Long.MAX_VALUE));
                }
            }
        }
        if (!firstDayRead) {
            ObjectNode key = Keys.item("m", FIRST_DAY_KEY);
            String pk = key.path(Keys.PK).path("S").asText();
            found.put(pk, item -> {
                firstDay = item.has("f") ? Integer.valueOf(item.path("f").path("N").asText()) : null;
                firstDayRead = true;
            });
            keys.add(key);
            absent.put(pk, () -> firstDayRead = true);
        }
        for (int from = 0; from < keys.size(); from += 100) {
            ObjectNode req = Json.object();
            ArrayNode batch = req.putObject("RequestItems").putObject(table).putArray("Keys");
            java.util.Set<String> asked = new java.util.HashSet<>();
            for (ObjectNode key : keys.subList(from, Math.min(keys.size(), from + 100))) {
                batch.add(key);
                asked.add(key.path(Keys.PK).path("S").asText());
            }
            JsonNode r = send("BatchGetItem", req);
            reads++;
            for (JsonNode item : r.path("Responses").path(table)) {
                String pk = item.path(Keys.PK).path("S").asText();
                found.get(pk).accept(item);
                asked.remove(pk);
            }
            // Keys DynamoDB left unprocessed (throttling) are not cached: they are read one by one when needed.
            for (JsonNode left : r.path("UnprocessedKeys").path(table).path("Keys")) {
                asked.remove(left.path(Keys.PK).path("S").asText());
            }
            for (String pk : asked) {
                absent.get(pk).run();
            }
        }
        for (Map.Entry<String, java.util.concurrent.CompletableFuture<Map<String, int[]>>> q : queried.entrySet()) {
            try {
                members.put(q.getKey(), q.getValue().join());
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            reads++;
        }
    }

    /**
     * Sends the writes kept so far, in parallel, and waits for them.
     *
     * @throws BaselineStore.UnavailableException when one could not be written after its retries
     */
    public void flush() {
        String failed = flushAsync().join();
        if (failed != null) {
            throw new BaselineStore.UnavailableException(failed, null);
        }
    }

    /**
     * Starts sending the writes kept so far, in parallel; the future completes when all are done, with null or the
     * first failure's message. The caller publishes meanwhile.
     */
    public java.util.concurrent.CompletableFuture<String> flushAsync() {
        java.util.List<Runnable> work = new java.util.ArrayList<>(pending);
        pending.clear();
        java.util.List<java.util.concurrent.CompletableFuture<String>> running = new java.util.ArrayList<>();
        for (Runnable w : work) {
            running.add(java.util.concurrent.CompletableFuture.runAsync(w, DynamoApi.WRITERS)
                    .handle((ok, e) -> e == null ? null : describe(e)));
        }
        return java.util.concurrent.CompletableFuture.allOf(running.toArray(new java.util.concurrent.CompletableFuture[0]))
                .thenApply(done -> running.stream().map(java.util.concurrent.CompletableFuture::join)
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }

    private String describe(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return cause instanceof BaselineStore.UnavailableException ? cause.getMessage()
                : "DynamoDB table " + table + ": " + cause;
    }

    @Override
    public int[] days(String key) {
        int[] cached = days.get(key);
        if (cached == null) {
            JsonNode item = get(Keys.item("d", key));
            cached = item == null ? new int[0] : numbers(item.get("days"));
            days.put(key, cached);
        }
        return cached.clone();
    }

    @Override
    public void add(String key, int epochDay) {
        addAll(key, new int[] {epochDay});
    }

    /**
     * Adds several days to a key in one request (a bulk push from the CLI's state). A key not read before is written
     * without reading it first: the update is an idempotent set union.
     */
    public void addAll(String key, int[] newDays) {
        int[] merged = days.get(key);
        boolean changed = merged == null;
        for (int d : newDays) {
            int[] m = DaySets.add(merged, d);
            if (m != null) {
                merged = m;
                changed = true;
            }
        }
        if (changed) {
            if (days.containsKey(key)) {
                days.put(key, merged);
            }
            grow(Keys.item("d", key), newDays);
        }
    }

    @Override
    public void addMember(String key, String member, int epochDay) {
        addMemberDays(key, member, new int[] {epochDay});
    }

    /** Adds several days of one member in one request. */
    public void addMemberDays(String key, String member, int[] newDays) {
        Map<String, int[]> m = members.getOrDefault(key, new HashMap<>());
        String id = Keys.digest(member);
        int[] merged = m.get(id);
        boolean changed = !members.containsKey(key);
        for (int d : newDays) {
            int[] x = DaySets.add(merged, d);
            if (x != null) {
                merged = x;
                changed = true;
            }
        }
        if (changed) {
            m.put(id, merged);
            grow(Keys.member(key, member), newDays);
        }
    }

    /** As {@link dev.sidedoor.core.baseline.Members#countBetween}: first seen before the day, last seen since from. */
    @Override
    public int membersBetween(String key, int from, int epochDay) {
        int n = 0;
        for (int[] d : members(key).values()) {
            if (d.length > 0 && d[0] < epochDay && d[d.length - 1] >= from) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void noteTime(String key, long epochMillis) {
        Long known = times.get(key);
        if (known != null && epochMillis >= known) {
            return;
        }
        if (known != null) {
            times.put(key, epochMillis);
        }
        ObjectNode values = Json.object();
        values.putObject(":t").put("N", Long.toString(epochMillis));
        values.putObject(":e").put("N", Long.toString(expires((int) Math.floorDiv(epochMillis, 86_400_000L))));
        ObjectNode item = Keys.item("t", key);
        later(() -> conditional(item, "SET t = :t, expires = :e", "attribute_not_exists(t) OR t > :t", values));
    }

    @Override
    public long time(String key) {
        Long cached = times.get(key);
        if (cached == null) {
            JsonNode item = get(Keys.item("t", key));
            cached = item == null || !item.has("t") ? Long.MAX_VALUE : Long.parseLong(item.path("t").path("N").asText());
            times.put(key, cached);
        }
        return cached;
    }

    @Override
    public String text(String key) {
        JsonNode item = get(Keys.item("x", key));
        return item == null || !item.has("v") ? null : item.path("v").path("S").asText();
    }

    @Override
    public void putText(String key, String value) {
        ObjectNode req = request();
        if (value == null) {
            req.set("Key", Keys.item("x", key));
            send("DeleteItem", req);
        } else {
            ObjectNode item = Keys.item("x", key);
            item.putObject("v").put("S", value);
            req.set("Item", item);
            send("PutItem", req);
        }
        writes++;
    }

    @Override
    public OptionalInt firstDay() {
        if (!firstDayRead) {
            JsonNode item = get(Keys.item("m", FIRST_DAY_KEY));
            firstDay = item == null || !item.has("f") ? null : Integer.valueOf(item.path("f").path("N").asText());
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
        ObjectNode values = Json.object();
        values.putObject(":f").put("N", Integer.toString(epochDay));
        ObjectNode item = Keys.item("m", FIRST_DAY_KEY);
        later(() -> conditional(item, "SET f = :f", "attribute_not_exists(f) OR f > :f", values));
    }

    /** DynamoDB's TTL deletes what is older than the window, without a scan. */
    @Override
    public void evictBefore(int epochDay) {
        // Nothing to do: items expire historyDays after their newest day.
    }

    @Override
    public void evictTimesBefore(int epochDay) {
        // Times expire with TTL like everything else.
    }

    /** Unknown without a scan. */
    @Override
    public long size() {
        return -1;
    }

    /** Sends what is pending ({@link #flush}); the client belongs to the container and stays open. */
    @Override
    public void close() {
        flush();
    }

    private Map<String, int[]> members(String key) {
        Map<String, int[]> m = members.get(key);
        if (m == null) {
            m = query(key);
            reads++;
            members.put(key, m);
        }
        return m;
    }

    /** Every member of {@code key}: one Query of its partition (more pages only past 1 MB). */
    private Map<String, int[]> query(String key) {
        Map<String, int[]> m = new HashMap<>();
        JsonNode start = null;
        do {
            ObjectNode req = request();
            req.put("KeyConditionExpression", Keys.PK + " = :pk");
            req.putObject("ExpressionAttributeValues").putObject(":pk").put("S", Keys.memberPartition(key));
            if (start != null) {
                req.set("ExclusiveStartKey", start);
            }
            JsonNode r = send("Query", req);
            for (JsonNode item : r.path("Items")) {
                m.put(item.path(Keys.SK).path("S").asText(), numbers(item.get("days")));
            }
            start = r.get("LastEvaluatedKey");
        } while (start != null && start.size() > 0);
        return m;
    }

    /** Adds days to an item's number set, and pushes its expiry out unless an out-of-order day would pull it in. */
    private void grow(ObjectNode key, int[] newDays) {
        int newest = Integer.MIN_VALUE;
        ObjectNode values = Json.object();
        ArrayNode set = values.putObject(":d").putArray("NS");
        for (int d : new TreeSet<>(java.util.Arrays.stream(newDays).boxed().toList())) {
            set.add(Integer.toString(d));
            newest = Math.max(newest, d);
        }
        values.putObject(":e").put("N", Long.toString(expires(newest)));
        later(() -> {
            if (!conditional(key, "ADD days :d SET expires = :e", "attribute_not_exists(expires) OR expires <= :e",
                    values)) {
                // A later day already set a later expiry: add the days alone.
                ObjectNode only = Json.object();
                only.set(":d", values.get(":d"));
                conditional(key, "ADD days :d", null, only);
            }
        });
    }

    /** Keeps one UpdateItem for {@link #flush}. */
    private void later(Runnable write) {
        writes++;
        pending.add(write);
    }

    /** One UpdateItem; false when its condition did not hold (another invocation got there first). */
    private boolean conditional(ObjectNode key, String update, String condition, ObjectNode values) {
        ObjectNode req = request();
        req.set("Key", key);
        req.put("UpdateExpression", update);
        if (condition != null) {
            req.put("ConditionExpression", condition);
        }
        req.set("ExpressionAttributeValues", values);
        try {
            dynamo.call("UpdateItem", req);
            return true;
        } catch (DynamoApi.DynamoException e) {
            if (e.conditionFailed()) {
                return false;
            }
            throw unavailable(e);
        }
    }

    private JsonNode get(ObjectNode key) {
        ObjectNode req = request();
        req.set("Key", key);
        reads++;
        JsonNode item = send("GetItem", req).get("Item");
        return item == null || item.size() == 0 ? null : item;
    }

    private JsonNode send(String operation, ObjectNode req) {
        try {
            return dynamo.call(operation, req);
        } catch (DynamoApi.DynamoException e) {
            throw unavailable(e);
        }
    }

    private BaselineStore.UnavailableException unavailable(DynamoApi.DynamoException e) {
        return new BaselineStore.UnavailableException("DynamoDB table " + table + ": " + e.getMessage(), e);
    }

    private ObjectNode request() {
        ObjectNode req = Json.object();
        req.put("TableName", table);
        return req;
    }

    private long expires(int epochDay) {
        return (epochDay + historyDays + 2L) * 86_400L;
    }

    private static int[] numbers(JsonNode attribute) {
        JsonNode ns = attribute == null ? null : attribute.get("NS");
        if (ns == null || !ns.isArray()) {
            return new int[0];
        }
        int[] out = new int[ns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(ns.get(i).asText());
        }
        java.util.Arrays.sort(out);
        return out;
    }
}
