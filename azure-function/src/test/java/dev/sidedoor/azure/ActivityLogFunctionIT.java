package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.output.FindingFormat;
import dev.sidedoor.core.output.JsonText;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.testing.RuleFixtures;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The function method end to end, called as the Functions worker calls it, with real-shaped Event Hubs batches:
 * findings arrive as CloudEvents on a local HTTPS endpoint, dead letters in a real Azurite.
 */
class ActivityLogFunctionIT extends WithLocalAzure {

    private static final String BROKEN_RECORD = "{\"time\":\"2026-11-18T10:00:00Z\",\"operationName\": }";

    /** An Event Hubs batch: bodies and the trigger metadata the host binds beside them. */
    record Batch(String[] bodies, Map<String, Object> partitionContext, Map<String, Object>[] systemProperties) {
        void runOn(ActivityLogFunction f, TestContext context) {
            f.run(bodies, partitionContext, systemProperties, context);
        }
    }

    @SuppressWarnings("unchecked")
    static Batch batch(String partition, long firstSequence, List<String> bodies) {
        Map<String, Object>[] props = new Map[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            Map<String, Object> p = new HashMap<>();
            // The worker hands these over as JSON: numbers arrive as doubles.
            p.put("SequenceNumber", (double) (firstSequence + i));
            p.put("Offset", String.valueOf(4_294_967_296L + 1_024L * (firstSequence + i)));
            p.put("EnqueuedTimeUtc", "2026-11-18T10:31:0" + (i % 10) + "Z");
            p.put("PartitionKey", null);
            props[i] = p;
        }
        return new Batch(bodies.toArray(String[]::new), Map.of("PartitionId", partition, "ConsumerGroup", "sidedoor",
                "EventHubName", "insights-activity-logs"), props);
    }

    @Test
    void aMixedBatchPublishesExactlyTheExpectedCloudEventsAndDeadLettersOnlyTheBrokenRecordsEvent() throws Exception {
        List<RuleFixtures.Fixture> match = AzureFixtures.match();
        List<RuleFixtures.Fixture> nomatch = AzureFixtures.nomatch();
        assertTrue(match.size() >= 25, "Azure must-match fixtures found: " + match.size());
        Engine reference = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());

        // Benign operations and sign-ins from the bundled example batch: the records no rule matches.
        List<String> benign = new ArrayList<>();
        for (JsonNode r : AzureFixtures.exampleRecords()) {
            String text = r.toString();
            if (reference.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "ref").findings()
                    .isEmpty()) {
                benign.add(text);
            }
        }
        assertTrue(benign.stream().anyMatch(r -> r.contains("\"SignInLogs\"")), "sign-in records in the mix");
        assertTrue(benign.size() >= 30, "benign records: " + benign.size());

        List<String> records = new ArrayList<>();
        match.forEach(f -> records.add(f.record().toString()));
        nomatch.forEach(f -> records.add(f.record().toString()));
        records.addAll(benign);
        assertTrue(match.stream().anyMatch(f -> f.record().has("httpRequest")), "REST-shaped records in the mix");
        Collections.shuffle(records, new Random(20261118));

        // Five records per Event Hubs event; one event carries a broken record between two readable ones.
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 5) {
            bodies.add(AzureFixtures.document(records.subList(i, Math.min(records.size(), i + 5))));
        }
        RuleFixtures.Fixture afterBroken = match.get(0);
        RuleFixtures.Fixture beforeBroken = match.get(match.size() - 1);
        int brokenIndex = bodies.size() / 2;
        bodies.add(brokenIndex, AzureFixtures.document(List.of(beforeBroken.record().toString(), BROKEN_RECORD,
                afterBroken.record().toString())));
        long firstSequence = 7_000;
        Batch batch = batch("3", firstSequence, bodies);

        // What the core makes of the same bodies, independently of the function.
        Engine.Batch expectedScan = reference.batch();
        for (int i = 0; i < bodies.size(); i++) {
            expectedScan.scan(new ByteArrayInputStream(bodies.get(i).getBytes(StandardCharsets.UTF_8)), "b" + i);
        }
        InputResult expected = expectedScan.finish();
        Map<String, Finding> expectedById = new HashMap<>();
        for (Finding f : expected.findings()) {
            expectedById.put(f.findingId() + "." + f.event().outcome(), f);
        }

        TestContext context = new TestContext("inv-mixed-1");
        batch.runOn(azure.function(azure.env("informational")), context);

        // Exactly the expected CloudEvents, each once, in authenticated CloudEvents batch requests.
        List<JsonNode> events = new ArrayList<>();
        for (LocalEventGrid.Request r : azure.grid.requests()) {
            assertEquals("POST", r.method());
            assertTrue(r.pathAndQuery().startsWith("/api/events?api-version="), r.pathAndQuery());
            assertTrue(r.contentType().startsWith("application/cloudevents-batch+json"), r.contentType());
            assertEquals("https://eventgrid.azure.net", TestIdentity.audience(r.authorization()),
                    "a bearer token for Event Grid, not a key");
            AzureFixtures.JSON.readTree(r.body()).forEach(events::add);
        }
        assertEquals(1, azure.grid.requests().size(), "one request for a batch this size");
        Set<String> ids = new HashSet<>();
        for (JsonNode e : events) {
            assertTrue(ids.add(e.path("id").asText()), "published twice: " + e.path("id"));
        }
        assertEquals(expectedById.keySet(), ids);
        FindingFormat format = FindingFormat.sidedoor();
        for (JsonNode e : events) {
            Finding f = expectedById.get(e.path("id").asText());
            assertEquals("1.0", e.path("specversion").asText());
            assertEquals("dev.sidedoor.finding." + f.rule().name(), e.path("type").asText());
            assertEquals("/subscriptions/" + f.account().toLowerCase(Locale.ROOT), e.path("source").asText());
            assertEquals(f.target(), e.path("subject").asText());
            assertEquals("application/json", e.path("datacontenttype").asText());
            assertEquals(f.severity().label(), e.path("severity").asText());
            assertEquals(f.findingId(), e.path("findingid").asText());
            assertEquals(f.rule().name(), e.path("rulename").asText());
            assertEquals(String.join(",", f.techniques()), e.path("technique").asText());
            assertFalse(e.path("time").asText().isEmpty());
            // The finding JSON, but for where its record was read: the reference scan named its inputs itself.
            com.fasterxml.jackson.databind.node.ObjectNode want = (com.fasterxml.jackson.databind.node.ObjectNode)
                    AzureFixtures.JSON.readTree(JsonText.write(g -> format.write(f, g)));
            com.fasterxml.jackson.databind.node.ObjectNode data =
                    ((com.fasterxml.jackson.databind.node.ObjectNode) e.path("data")).deepCopy();
            assertTrue(data.path("origin").path("file").asText().startsWith("partition 3 sequence "),
                    data.path("origin").toString());
            want.remove("origin");
            data.remove("origin");
            assertEquals(want, data, "data is the finding JSON: " + f.findingId());
        }

        // Every must-match fixture reaches Event Grid as its rule (or as the more specific rule that supersedes it
        // on the same operation); no look-alike does as the rule it imitates.
        for (RuleFixtures.Fixture fx : match) {
            Set<String> rules = new HashSet<>(reference.detector().supersededBy(fx.rule()));
            rules.add(fx.rule());
            assertTrue(rules.stream().anyMatch(rule -> published(events, fx, rule)),
                    fx + " was not published as " + rules);
        }
        for (RuleFixtures.Fixture fx : nomatch) {
            assertFalse(published(events, fx), fx + " was published as the rule it imitates");
        }

        // The broken record: its neighbours were evaluated, its event is in the dead-letter container whole.
        assertTrue(published(events, afterBroken), "the record after the broken one was lost");
        assertTrue(published(events, beforeBroken), "the record before the broken one was lost");
        List<JsonNode> unreadable = azure.deadLetters(DeadLetters.UNREADABLE);
        assertEquals(1, unreadable.size(), unreadable.toString());
        JsonNode dead = unreadable.get(0).path("events");
        assertEquals(1, dead.size());
        assertEquals("3", dead.get(0).path("partition").asText());
        assertEquals(firstSequence + brokenIndex, dead.get(0).path("sequence_number").asLong());
        assertEquals(bodies.get(brokenIndex), dead.get(0).path("body").asText());
        assertTrue(dead.get(0).path("problems").toString().contains("malformed JSON"), dead.toString());
        assertEquals("inv-mixed-1", unreadable.get(0).path("invocation_id").asText());
        assertTrue(azure.deadLetters(DeadLetters.UNPUBLISHED).isEmpty());

        String label = "partition 3 sequence " + (firstSequence + brokenIndex);
        assertTrue(context.lines().stream().anyMatch(l -> l.level() == Level.SEVERE
                && l.message().contains("records could not be read") && l.message().contains(label)
                || l.level() == Level.SEVERE && l.message().contains("\"sequence_number\":" + (firstSequence
                + brokenIndex))), context.lines().toString());
        JsonNode summary = summary(context);
        assertEquals(bodies.size(), summary.path("eventhub_events").asInt());
        assertEquals(ids.size(), summary.path("published").asInt());
        assertEquals(0, summary.path("unpublished").asInt());
        assertTrue(summary.path("rejected_records").asInt() >= 1, summary.toString());
        assertEquals(firstSequence, summary.path("first_sequence").asLong());
        System.out.printf("mixed batch: %d Event Hubs events, %d records (%d must-match, %d look-alikes, %d benign "
                + "of which %d sign-ins, 1 broken); %d CloudEvents in %d request(s); %d unreadable event "
                + "dead-lettered%n", bodies.size(), records.size() + 3, match.size(), nomatch.size(), benign.size(),
                benign.stream().filter(r -> r.contains("\"SignInLogs\"")).count(), events.size(),
                azure.grid.requests().size(), dead.size());
    }

    @Test
    void theThreeRecordsOfOneRunCommandInThreeEventsAreOneCloudEvent() throws Exception {
        JsonNode started = AzureFixtures.read(AzureFixtures.DIR.resolve(
                "azure_vm_run_command/match/01_diag_success_uppercase.json"));
        List<String> bodies = new ArrayList<>();
        String[][] steps = {{"Start", "Started.", "198.51.100.23"}, {"Accept", "Accepted.OK", null},
            {"Success", "Succeeded.OK", null}};
        for (String[] step : steps) {
            com.fasterxml.jackson.databind.node.ObjectNode r = started.deepCopy();
            r.put("resultType", step[0]);
            r.put("resultSignature", step[1]);
            if (step[2] == null) {
                r.remove("callerIpAddress");
            } else {
                r.put("callerIpAddress", step[2]);
            }
            bodies.add(AzureFixtures.document(List.of(r.toString())));
        }
        Collections.reverse(bodies);
        batch("0", 41, bodies).runOn(azure.function(azure.env("medium")), new TestContext("inv-run-command"));
        List<JsonNode> events = new ArrayList<>();
        azure.grid.requests().forEach(r -> {
            try {
                AzureFixtures.JSON.readTree(r.body()).forEach(events::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(1, events.size(), events.toString());
        JsonNode data = events.get(0).path("data");
        assertEquals("azure_vm_run_command", data.path("rule").path("name").asText());
        assertEquals("success", data.path("event").path("outcome").asText());
        assertEquals("198.51.100.23", data.path("source_ip").asText(), "caller IP taken from the Started record");
        assertTrue(events.get(0).path("id").asText().endsWith(".success"));
    }

    @Test
    void findingsBelowTheMinimumSeverityAreCountedNotPublished() throws Exception {
        RuleFixtures.Fixture informational = AzureFixtures.match().stream()
                .filter(f -> f.rule().equals("azure_resource_extension_write_other")).findFirst().orElseThrow();
        TestContext context = new TestContext("inv-threshold");
        batch("1", 5, List.of(AzureFixtures.document(List.of(informational.record().toString()))))
                .runOn(azure.function(azure.env("medium")), context);
        assertTrue(azure.grid.requests().isEmpty(), "nothing to publish, no request");
        JsonNode summary = summary(context);
        assertEquals(1, summary.path("below_threshold").asInt());
        assertEquals(0, summary.path("published").asInt());
    }

    private static boolean published(List<JsonNode> events, RuleFixtures.Fixture fx) {
        return published(events, fx, fx.rule());
    }

    private static boolean published(List<JsonNode> events, RuleFixtures.Fixture fx, String rule) {
        // The finding's event id is the operation's correlationId, or a REST record's own eventDataId.
        Set<String> ids = new HashSet<>();
        for (String field : List.of("correlationId", "eventDataId")) {
            if (fx.record().hasNonNull(field)) {
                ids.add(fx.record().get(field).asText().toLowerCase(Locale.ROOT));
            }
        }
        for (JsonNode e : events) {
            JsonNode data = e.path("data");
            if (data.path("rule").path("name").asText().equals(rule)
                    && ids.contains(data.path("event").path("id").asText().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    static JsonNode summary(TestContext context) throws Exception {
        for (TestContext.Line l : context.lines()) {
            JsonNode line = AzureFixtures.JSON.readTree(l.message());
            if (line.path("message").asText().startsWith("batch processed")) {
                return line;
            }
        }
        throw new AssertionError("no batch summary in " + context.lines());
    }
}
