package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.testing.RuleFixtures;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One Event Hubs batch mixing what a diagnostic setting and Defender's streaming API send to the same hub: Activity
 * Log operations, Entra ID sign-ins and Defender for Endpoint process events (and other Defender tables). Each
 * record reaches its own source, and exactly the findings the core makes of the same bodies are published, with
 * the source naming where they came from. The function runs against Azurite (dead letters) and a local HTTPS
 * endpoint standing in for Event Grid, which has no emulator.
 */
class MixedSourcesIT extends WithLocalAzure {

    private static final Path DEFENDER = Path.of("..", "examples", "defender", "device-process-events.json");

    @Test
    void activityLogSignInAndDefenderRecordsInOneBatchEachReachTheirRulesAndArePublishedOnce() throws Exception {
        List<String> records = new ArrayList<>();
        RuleFixtures.match("azure_").forEach(f -> records.add(f.record().toString()));
        RuleFixtures.match("entra_").forEach(f -> records.add(f.record().toString()));
        RuleFixtures.nomatch("entra_").forEach(f -> records.add(f.record().toString()));
        AzureFixtures.read(DEFENDER).get("records").forEach(r -> records.add(r.toString()));
        AzureFixtures.exampleRecords().forEach(r -> records.add(r.toString()));
        Collections.shuffle(records, new Random(20261206));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 5) {
            bodies.add(AzureFixtures.document(records.subList(i, Math.min(records.size(), i + 5))));
        }

        // What the core makes of the same bodies, independently of the function.
        Engine.Batch reference = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC()).batch();
        for (int i = 0; i < bodies.size(); i++) {
            reference.scan(new ByteArrayInputStream(bodies.get(i).getBytes(StandardCharsets.UTF_8)), "b" + i);
        }
        InputResult expected = reference.finish();
        assertEquals(0, expected.stats().rejectedTotal(), expected.rejections().toString());
        Map<String, Finding> expectedById = new HashMap<>();
        for (Finding f : expected.findings()) {
            expectedById.put(f.findingId() + "." + f.event().outcome(), f);
        }
        Set<String> providers = new TreeSet<>();
        expected.findings().forEach(f -> providers.add(f.provider()));
        assertEquals(Set.of("azure", "defender", "entra"), providers, "the mix has findings from every source");

        TestContext context = new TestContext("inv-mixed-sources");
        ActivityLogFunctionIT.batch("1", 900, bodies).runOn(azure.function(azure.env("informational")), context);

        List<JsonNode> events = new ArrayList<>();
        for (LocalEventGrid.Request r : azure.grid.requests()) {
            AzureFixtures.JSON.readTree(r.body()).forEach(events::add);
        }
        Map<String, String> sourceById = new TreeMap<>();
        for (JsonNode e : events) {
            assertEquals(null, sourceById.put(e.path("id").asText(), e.path("source").asText()),
                    "published twice: " + e.path("id"));
        }
        assertEquals(new TreeSet<>(expectedById.keySet()), sourceById.keySet());
        for (Map.Entry<String, String> e : sourceById.entrySet()) {
            Finding f = expectedById.get(e.getKey());
            String want = switch (f.provider()) {
                case "azure" -> "/subscriptions/" + f.account().toLowerCase(java.util.Locale.ROOT);
                default -> f.account() == null ? FindingEvents.SOURCE_FALLBACK : "/" + f.provider() + "/" + f.account();
            };
            assertEquals(want, e.getValue(), f.rule().name());
        }
        assertTrue(azure.deadLetters(DeadLetters.UNREADABLE).isEmpty(), "no record was unreadable");
        assertTrue(azure.deadLetters(DeadLetters.UNPUBLISHED).isEmpty());
        JsonNode summary = ActivityLogFunctionIT.summary(context);
        assertEquals(0, summary.path("rejected_records").asInt(), summary.toString());
        assertEquals(events.size(), summary.path("published").asInt());
        Map<String, Integer> byProvider = new TreeMap<>();
        expected.findings().forEach(f -> byProvider.merge(f.provider(), 1, Integer::sum));
        System.out.printf("mixed sources: %d records in %d Event Hubs events; %d CloudEvents published %s%n",
                records.size(), bodies.size(), events.size(), byProvider);
    }
}
