package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.TableClient;
import dev.sidedoor.azure.state.NotificationLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger's weekly partitions on Azurite: how long a mark is honoured, and the purge that forgets it. */
class NotificationLedgerIT {

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

    private static NotificationLedger at(TableClient table, String instant) {
        return new NotificationLedger(table, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void aMarkIsHonouredThisWeekAndNextThenPurgedByPartition() {
        TableClient table = tables.create("ledger");
        // Operation keys are log text: NUL-separated, with what RowKey refuses.
        String op = "azure\u0000corr/#?\\\u0001\u0000MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION\u0000/subs/x";
        String other = "finding\u0000sd-1";
        NotificationLedger monday = at(table, "2026-11-02T00:00:01Z");
        monday.mark(op, List.of(new NotificationLedger.Entry("sd-a", "azure_vm_run_command", "sd-a.success")));
        monday.mark(op, List.of(new NotificationLedger.Entry("sd-a", "azure_vm_run_command", "sd-a.success"),
                new NotificationLedger.Entry("sd-b", "other_rule", "sd-b.in_progress")));
        monday.mark(other, List.of(new NotificationLedger.Entry("sd-1", "r", "sd-1.success")));

        Map<String, NotificationLedger.Operation> read = at(table, "2026-11-08T23:59:59Z").read(List.of(op, "none"));
        assertEquals(Set.of(op), read.keySet());
        assertEquals(Set.of("sd-a", "sd-b"), read.get(op).findingIds(), "merged, each once");
        assertEquals(Set.of("azure_vm_run_command", "other_rule"), read.get(op).rules());
        assertEquals(2, read.get(op).published().size());
        assertEquals(Set.of(op, other), at(table, "2026-11-15T23:59:59Z").read(List.of(op, other)).keySet(),
                "still honoured the week after");
        assertEquals(Map.of(), at(table, "2026-11-16T00:00:01Z").read(List.of(op, other)),
                "two weeks on: no longer read");

        NotificationLedger later = at(table, "2026-11-16T10:00:00Z");
        assertEquals(2, later.purgeOldWeeks(), "the partition of the week before last, entity by entity");
        assertEquals(0, later.purgeOldWeeks(), "once a week per ledger");
        List<String> left = new ArrayList<>();
        table.listEntities().forEach(e -> left.add(e.getPartitionKey()));
        assertTrue(left.isEmpty(), left.toString());
    }

    @Test
    void concurrentMarksOfOneOperationAreAllKept() throws Exception {
        TableClient table = tables.create("ledger");
        String op = "azure\u0000c\u0000op\u0000/vm";
        int writers = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(writers);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String id = "sd-" + w;
            done.add(pool.submit(() -> {
                NotificationLedger ledger = new NotificationLedger(table, Clock.systemUTC());
                together.await();
                ledger.mark(op, List.of(new NotificationLedger.Entry(id, "rule" + id, id + ".success")));
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
        NotificationLedger.Operation read = new NotificationLedger(table, Clock.systemUTC()).read(List.of(op)).get(op);
        assertEquals(writers, read.findingIds().size(), read.toString());
    }
}
