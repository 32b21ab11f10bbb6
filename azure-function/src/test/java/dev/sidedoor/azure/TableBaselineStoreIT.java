package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import dev.sidedoor.azure.state.TableBaselineStore;
import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Table store against a real Azurite table service: the same answers as the in-memory reference for the same
 * operations (spread over several batches, i.e. stores), keys that Table storage could never take as they are,
 * concurrent batches on the same keys, and an unreachable table.
 */
class TableBaselineStoreIT {

    private static LocalTables tables;

    @BeforeAll
    static void start() throws Exception {
        TestTls tls = TestTls.get();
        tables = LocalTables.start(tls, new TestIdentity(), AzureClients.httpClient(tls.clientBuilder()));
    }

    @AfterAll
    static void stop() {
        if (tables != null) {
            tables.close();
        }
    }

    /** Keys as Baselines builds them from log text: NUL-separated, with what PartitionKey and RowKey forbid. */
    static final List<String> HOSTILE_KEYS = List.of(
            "\u0000org\u0000person\u0000alice@example.com",
            "a/b\\c#d?e\u0001\u001f\u007f\t\r\n",
            "'; DROP TABLE x; --",
            "PartitionKey eq 'b00'",
            "\uD800 lone surrogate",
            "? lone surrogate",
            "ünïcødé 日本語 🚪",
            "x".repeat(40_000),
            "");

    @Test
    void answersLikeTheInMemoryStoreAcrossBatches() {
        TableClient table = tables.create("baseline");
        MemoryStore reference = new MemoryStore();
        Random random = new Random(11);
        List<String> keys = new ArrayList<>(HOSTILE_KEYS);
        for (int i = 0; i < 12; i++) {
            keys.add("person\u0000" + i);
        }
        TableBaselineStore store = new TableBaselineStore(table, 60);
        for (int op = 0; op < 600; op++) {
            String key = keys.get(random.nextInt(keys.size()));
            int day = 20_400 + random.nextInt(40);
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    store.add(key, day);
                    reference.add(key, day);
                }
                case 2 -> {
                    String member = HOSTILE_KEYS.get(random.nextInt(HOSTILE_KEYS.size() - 2)) + random.nextInt(3);
                    store.addMember(key, member, day);
                    reference.addMember(key, member, day);
                }
                case 3 -> {
                    long t = day * 86_400_000L + random.nextInt(86_400_000);
                    store.noteTime(key, t);
                    reference.noteTime(key, t);
                }
                case 4 -> {
                    String text = random.nextBoolean() ? null : key + "\u0000text" + op;
                    store.putText(key, text);
                    reference.putText(key, text);
                }
                default -> {
                    store.noteDay(day);
                    reference.noteDay(day);
                }
            }
            if (op % 75 == 74) {
                // A batch ends: its store writes, and the next batch starts from what is in the table.
                store.close();
                store = new TableBaselineStore(table, 60);
            }
            assertSame(reference, store, keys.get(random.nextInt(keys.size())), 20_400 + random.nextInt(40));
        }
        store.close();
        TableBaselineStore fresh = new TableBaselineStore(table, 60);
        for (String k : keys) {
            assertSame(reference, fresh, k, 20_420);
        }
    }

    private static void assertSame(BaselineStore expected, BaselineStore actual, String key, int day) {
        String shown = key.length() > 40 ? key.substring(0, 40) + "..." : key;
        assertArrayEquals(expected.days(key), actual.days(key), "days of " + shown);
        assertEquals(expected.membersBetween(key, day - 30, day), actual.membersBetween(key, day - 30, day),
                "members of " + shown);
        assertEquals(expected.time(key), actual.time(key), "time of " + shown);
        assertEquals(expected.text(key), actual.text(key), "text of " + shown);
        OptionalInt first = expected.firstDay();
        assertEquals(first, actual.firstDay(), "first day");
    }

    @Test
    void rowKeysAreHashesAndTheKeyIsKeptExactly() {
        TableClient table = tables.create("baseline");
        TableBaselineStore store = new TableBaselineStore(table, 60);
        for (String k : HOSTILE_KEYS) {
            store.add(k, 20_400);
        }
        store.close();
        List<TableEntity> rows = new ArrayList<>();
        table.listEntities().forEach(rows::add);
        assertEquals(HOSTILE_KEYS.size(), rows.size(), "one row per key: a lone surrogate and '?' stay apart");
        for (TableEntity e : rows) {
            assertTrue(e.getRowKey().matches("[A-Za-z0-9_-]{43}"), e.getRowKey());
            assertTrue(e.getPartitionKey().matches("b[0-9a-f]{2}"), e.getPartitionKey());
            assertTrue(e.getProperty("expires") != null, "every row says when it stops counting");
        }
        TableBaselineStore again = new TableBaselineStore(table, 60);
        for (String k : HOSTILE_KEYS) {
            assertArrayEquals(new int[] {20_400}, again.days(k));
        }
    }

    @Test
    void concurrentBatchesOnTheSameKeysLoseNothing() throws Exception {
        TableClient table = tables.create("baseline");
        int writers = 8;
        CyclicBarrier together = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int me = w;
            done.add(pool.submit(() -> {
                TableBaselineStore store = new TableBaselineStore(table, 60);
                // Every writer reads first, so all hold the same (stale) ETags when they write.
                store.days("shared");
                store.membersBetween("shared networks", 0, 30_000);
                store.time("shared told");
                store.firstDay();
                store.add("shared", 20_400 + me);
                store.add("shared", 20_450);
                store.addMember("shared networks", "10.0." + me, 20_400 + me);
                store.noteTime("shared told", 1_000_000L + me);
                store.noteDay(20_300 + me);
                together.await();
                store.close();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        TableBaselineStore read = new TableBaselineStore(table, 60);
        int[] expected = new int[writers + 1];
        for (int w = 0; w < writers; w++) {
            expected[w] = 20_400 + w;
        }
        expected[writers] = 20_450;
        assertArrayEquals(expected, read.days("shared"), "each day once, none lost");
        assertEquals(writers, read.membersBetween("shared networks", 0, 30_000));
        assertEquals(1_000_000L, read.time("shared told"));
        assertEquals(OptionalInt.of(20_300), read.firstDay());
    }

    @Test
    void evictionDropsOldDaysWhenAKeyIsWrittenAndDeletesEmptyRows() {
        TableClient table = tables.create("baseline");
        TableBaselineStore store = new TableBaselineStore(table, 60);
        store.add("old", 20_000);
        store.add("mixed", 20_000);
        store.add("mixed", 20_100);
        store.noteTime("told", 20_000 * 86_400_000L);
        store.close();
        store = new TableBaselineStore(table, 60);
        store.days("old");
        store.days("mixed");
        store.time("told");
        store.evictBefore(20_050);
        store.evictTimesBefore(20_050);
        assertArrayEquals(new int[0], store.days("old"), "below the floor: not counted");
        store.close();
        TableBaselineStore read = new TableBaselineStore(table, 60);
        assertArrayEquals(new int[] {20_100}, read.days("mixed"));
        assertArrayEquals(new int[0], read.days("old"));
        assertEquals(Long.MAX_VALUE, read.time("told"));
        List<String> left = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions(), null, null).forEach(e -> left.add(e.getRowKey()));
        assertEquals(1, left.size(), "rows left with nothing are deleted: " + left);
    }

    @Test
    void aKeyTooLargeForAnEntityKeepsWhatItHadAndTheOthersAreWritten() {
        TableClient table = tables.create("baseline");
        TableBaselineStore store = new TableBaselineStore(table, 60);
        store.addMember("team", "alice", 20_400);
        store.close();
        store = new TableBaselineStore(table, 60);
        // 256 chosen names of 4,096 characters: 2 MB of members, twice what an entity holds.
        for (int i = 0; i < 256; i++) {
            store.addMember("team", i + "x".repeat(4_092), 20_401);
        }
        store.add("alice", 20_401);
        BaselineStore.UnavailableException e = assertThrows(BaselineStore.UnavailableException.class, store::close);
        assertTrue(e.getMessage().contains("1 key(s) too large for an entity"), e.getMessage());
        TableBaselineStore read = new TableBaselineStore(table, 60);
        assertArrayEquals(new int[] {20_401}, read.days("alice"), "the other keys are written");
        assertEquals(1, read.membersBetween("team", 0, 30_000), "the large key keeps what it had");
    }

    @Test
    void aLongCopyFlushesAsItGoesAndEndsWithEverything() {
        TableClient table = tables.create("baseline");
        TableBaselineStore store = new TableBaselineStore(table, 60);
        for (int i = 0; i < 600; i++) {
            store.add("person\u0000" + i, 20_400 + i % 30);
            store.addMember("group", "person" + i % 50, 20_400 + i % 30);
            store.noteDay(20_400 - i % 7);
            if (i % 100 == 99) {
                store.flush();
                assertEquals(0, store.size(), "nothing held after a flush");
            }
        }
        store.close();
        TableBaselineStore read = new TableBaselineStore(table, 60);
        for (int i = 0; i < 600; i++) {
            assertArrayEquals(new int[] {20_400 + i % 30}, read.days("person\u0000" + i));
        }
        assertEquals(50, read.membersBetween("group", 0, 30_000));
        assertEquals(OptionalInt.of(20_394), read.firstDay());
    }

    @Test
    void anUnreachableTableIsUnavailable() throws Exception {
        TableClient nowhere = AzureClients.table(LocalTables.unreachable(), "baseline", tables.identity, tables.http,
                java.time.Duration.ofMillis(5));
        TableBaselineStore store = new TableBaselineStore(nowhere, 60);
        BaselineStore.UnavailableException e = assertThrows(BaselineStore.UnavailableException.class,
                () -> store.days("alice"));
        assertTrue(e.getMessage().startsWith("table baseline: read failed"), e.getMessage());
        TableClient missing = tables.client("nosuchtable");
        assertThrows(BaselineStore.UnavailableException.class,
                () -> new TableBaselineStore(missing, 60).days("alice"), "a missing table is not an empty one");
    }
}
