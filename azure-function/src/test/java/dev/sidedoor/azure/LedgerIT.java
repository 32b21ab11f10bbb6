package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.finding.Finding;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once notifications with the ledger table (Azurite): operations split over batches, supersession across
 * batches, redeliveries, a retry after a partial publish, and a crash between publishing and marking. Each test
 * also runs without the ledger where that shows what the ledger changes.
 */
class LedgerIT extends StatefulAzure {

    private static final String RUN_COMMAND = "azure_vm_run_command/match/01_diag_success_uppercase.json";
    private static final String CUSTOM_SCRIPT =
            "azure_vm_extension_command_execution/match/01_custom_script_windows_masquerading_name.json";

    private static JsonNode fixture(String path) {
        return AzureFixtures.read(AzureFixtures.DIR.resolve(path));
    }

    /** The Started, Accepted and Succeeded records of one Run Command, in that order; only Started has the IP. */
    private static List<String> runCommandStages() {
        JsonNode r = fixture(RUN_COMMAND);
        var started = stage(r, "Start", "Started.");
        started.put("callerIpAddress", "198.51.100.23");
        var accepted = stage(r, "Accept", "Accepted.OK");
        accepted.remove("callerIpAddress");
        var succeeded = stage(r, "Success", "Succeeded.OK");
        succeeded.remove("callerIpAddress");
        return List.of(body(List.of(started)), body(List.of(accepted)), body(List.of(succeeded)));
    }

    @Test
    void aRunCommandSplitOverThreeBatchesInReverseOrderIsOneNotification() throws Exception {
        List<String> stages = new ArrayList<>(runCommandStages());
        java.util.Collections.reverse(stages);

        // Without the ledger each batch reports what it saw: three events, two outcomes.
        BatchHandler stateless = azure.handler(azure.env("medium"));
        for (int i = 0; i < 3; i++) {
            run(stateless, "inv-stateless-" + i, List.of(stages.get(i)));
        }
        assertEquals(3, published().size(), ids(published()).toString());
        azure.grid.clear();

        BatchHandler handler = azure.handler(statefulEnv("medium"));
        List<JsonNode> summaries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            summaries.add(summary(run(handler, "inv-split-" + i, List.of(stages.get(i)))));
        }
        List<JsonNode> events = published();
        assertEquals(1, events.size(), ids(events).toString());
        assertEquals("azure_vm_run_command", events.get(0).path("rulename").asText());
        assertEquals("success", events.get(0).path("data").path("event").path("outcome").asText(),
                "the first batch held the Succeeded record");
        assertEquals(List.of(1, 0, 0), summaries.stream().map(s -> s.path("published").asInt()).toList());
        assertEquals(List.of(0, 1, 1), summaries.stream().map(s -> s.path("already_notified").asInt()).toList());
    }

    @Test
    void aCustomScriptInstallSplitOverTwoBatchesGivesOnlyTheSpecificFinding() throws Exception {
        JsonNode started = fixture(CUSTOM_SCRIPT);
        var succeeded = stage(started, "Success", "Succeeded.OK");
        // The Succeeded record carries no request body: only the generic extension rule can match it.
        ((com.fasterxml.jackson.databind.node.ObjectNode) succeeded.path("properties")).remove("requestbody");
        List<String> batches = List.of(body(List.of(started)), body(List.of(succeeded)));

        BatchHandler stateless = azure.handler(azure.env("medium"));
        for (int i = 0; i < 2; i++) {
            run(stateless, "inv-cse-stateless-" + i, List.of(batches.get(i)));
        }
        assertEquals(List.of("azure_vm_extension_command_execution", "azure_vm_extension_write"),
                published().stream().map(e -> e.path("rulename").asText()).toList(),
                "without the ledger the second batch reports the generic rule");
        azure.grid.clear();

        BatchHandler handler = azure.handler(statefulEnv("medium"));
        run(handler, "inv-cse-0", List.of(batches.get(0)));
        JsonNode second = summary(run(handler, "inv-cse-1", List.of(batches.get(1))));
        List<JsonNode> events = published();
        assertEquals(List.of("azure_vm_extension_command_execution"),
                events.stream().map(e -> e.path("rulename").asText()).toList());
        assertEquals(1, second.path("superseded_earlier").asInt());
        assertEquals(0, second.path("published").asInt());
    }

    /** Several operations of different kinds, each as one record. */
    private static List<String> mixedBatch() {
        List<String> bodies = new ArrayList<>();
        for (var fx : AzureFixtures.match()) {
            if (!fx.rule().equals("azure_resource_extension_write_other")) {
                bodies.add(body(List.of(fx.record())));
            }
        }
        return bodies;
    }

    @Test
    void aRedeliveredBatchPublishesNothingTwice() throws Exception {
        Map<String, String> env = statefulEnv("medium");
        List<String> bodies = mixedBatch();
        run(azure.handler(env), "inv-first", bodies);
        List<String> first = ids(published());
        assertTrue(first.size() >= 15, "findings published: " + first.size());
        assertEquals(first.size(), new HashSet<>(first).size());
        azure.grid.clear();
        // Another worker gets the same events again (the checkpoint had not moved).
        JsonNode again = summary(run(azure.handler(env), "inv-again", bodies));
        assertEquals(List.of(), ids(published()));
        assertEquals(first.size(), again.path("already_notified").asInt());
    }

    @Test
    void aRetriedBatchAfterAPartialPublishPublishesOnlyWhatWasNotPublished() throws Exception {
        Map<String, String> env = statefulEnv("medium");
        List<String> bodies = mixedBatch();
        // Event Grid refuses (400) the requests holding a serial console finding: those alone are not published.
        azure.grid.refuseContaining("azure_serial_console_connect");
        JsonNode partial = summary(run(azure.handler(env), "inv-partial", bodies));
        azure.grid.refuseContaining(null);
        Set<String> sent = new HashSet<>();
        Set<String> delivered = new HashSet<>();
        for (LocalEventGrid.Request r : azure.grid.requests()) {
            for (JsonNode e : AzureFixtures.JSON.readTree(r.body())) {
                sent.add(e.path("id").asText());
                if (!r.body().contains("azure_serial_console_connect")) {
                    delivered.add(e.path("id").asText());
                }
            }
        }
        Set<String> refused = new HashSet<>(sent);
        refused.removeAll(delivered);
        assertTrue(!refused.isEmpty() && !delivered.isEmpty(), "a partial publish: " + refused + " / " + delivered);
        assertEquals(refused.size(), partial.path("unpublished").asInt(), partial.toString());
        azure.grid.clear();

        JsonNode retry = summary(run(azure.handler(env), "inv-retry", bodies));
        List<JsonNode> events = published();
        assertEquals(refused, new HashSet<>(ids(events)), "only the findings that did not go out");
        assertEquals(refused.size(), events.size());
        assertTrue(events.stream().allMatch(e -> e.path("rulename").asText().equals("azure_serial_console_connect")));
        assertEquals(delivered.size(), retry.path("already_notified").asInt());
    }

    /** What a worker dying between publishing and marking looks like to the code after it: nothing runs. */
    static final class Crash extends Error {
        Crash() {
            super("worker died between publish and mark");
        }
    }

    @Test
    void aCrashBetweenPublishAndMarkLosesNothingAndRepeatsAtMostOnceUnderTheSameId() throws Exception {
        Map<String, String> env = statefulEnv("medium");
        List<String> bodies = mixedBatch();
        // The worker marks one operation, then dies.
        UnaryOperator<Notifications> dying = real -> new Notifications(null, null, null) {
            @Override
            Notifications.Plan plan(List<Finding> findings) {
                return real.plan(findings);
            }

            @Override
            int purge() {
                return real.purge();
            }

            @Override
            void mark(Map<Finding, String> published) {
                Map.Entry<Finding, String> first = published.entrySet().iterator().next();
                real.mark(Map.of(first.getKey(), first.getValue()));
                throw new Crash();
            }
        };
        BatchHandler crashing = BatchHandler.create(Config.fromEnvironment(env), azure.identity, azure.http,
                Duration.ofMillis(20), Clock.systemUTC(), dying);
        assertThrows(Crash.class, () -> run(crashing, "inv-crash", bodies));
        List<String> beforeCrash = ids(published());
        assertTrue(beforeCrash.size() >= 15, "published before the crash: " + beforeCrash.size());
        azure.grid.clear();

        // The batch comes again (the retry policy, or a redelivery to another worker).
        run(azure.handler(env), "inv-after-crash", bodies);
        List<String> afterCrash = ids(published());
        azure.grid.clear();
        run(azure.handler(env), "inv-third", bodies);
        List<String> third = ids(published());

        Map<String, Integer> times = new HashMap<>();
        for (String id : beforeCrash) {
            times.merge(id, 1, Integer::sum);
        }
        for (String id : afterCrash) {
            times.merge(id, 1, Integer::sum);
        }
        assertEquals(new HashSet<>(beforeCrash), times.keySet(), "nothing new, nothing lost");
        assertEquals(beforeCrash.size() - 1, afterCrash.size(), "all but the one marked are repeated once");
        assertTrue(times.values().stream().allMatch(n -> n <= 2), times.toString());
        assertEquals(List.of(), third, "marked after the repeat: a third delivery publishes nothing");
        Map<String, Long> once = new LinkedHashMap<>();
        times.forEach((id, n) -> once.put(id, (long) n));
        assertEquals(1L, once.values().stream().filter(n -> n == 1).count(), "exactly the marked one went out once");
    }
}
