package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What happens when Event Grid, the storage account or the function's own start-up fails. The trigger checkpoints
 * whatever the function does, so every one of these must end with the data in the dead-letter container of a real
 * Azurite, or with the invocation failing loudly so the host's retry policy runs it again.
 */
class DeadLetterIT extends WithLocalAzure {

    /** Every must-match fixture, ten records per Event Hubs event. */
    private static List<String> attackBodies() {
        List<String> records = new ArrayList<>();
        AzureFixtures.match().forEach(f -> records.add(f.record().toString()));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 10) {
            bodies.add(AzureFixtures.document(records.subList(i, Math.min(records.size(), i + 10))));
        }
        return bodies;
    }

    /** The CloudEvent ids the function publishes for these bodies when Event Grid is up. */
    private static Set<String> idsWhenUp(List<String> bodies) throws Exception {
        azure.grid.failNext(0);
        azure.grid.clear();
        ActivityLogFunctionIT.batch("2", 100, bodies).runOn(azure.function(azure.env("informational")),
                new TestContext("inv-reference"));
        Set<String> ids = new HashSet<>();
        for (LocalEventGrid.Request r : azure.grid.requests()) {
            AzureFixtures.JSON.readTree(r.body()).forEach(e -> ids.add(e.path("id").asText()));
        }
        azure.grid.clear();
        return ids;
    }

    @Test
    void withEventGridDownTheRetriesRunOutAndEveryFindingLandsInTheDeadLetterContainer() throws Exception {
        List<String> bodies = attackBodies();
        Set<String> expected = idsWhenUp(bodies);
        assertTrue(expected.size() >= 20, "findings: " + expected.size());

        azure.grid.failNext(Integer.MAX_VALUE);
        TestContext context = new TestContext("inv-grid-down");
        ActivityLogFunctionIT.batch("2", 100, bodies).runOn(azure.function(azure.env("informational")), context);

        assertEquals(LocalAzure.ATTEMPTS, azure.grid.requests().size(),
                "SIDEDOOR_PUBLISH_MAX_ATTEMPTS=" + LocalAzure.ATTEMPTS + " attempts, then the dead-letter container");
        List<JsonNode> dead = azure.deadLetters(DeadLetters.UNPUBLISHED);
        assertEquals(1, dead.size(), dead.toString());
        JsonNode blob = dead.get(0);
        assertTrue(blob.path("_blob_name").asText().startsWith("unpublished/"), blob.path("_blob_name").asText());
        assertTrue(blob.path("reason").asText().contains("after every retry"), blob.toString());
        assertTrue(blob.path("error").asText().contains("503"), blob.path("error").asText());
        assertEquals(azure.grid.endpoint().toString(), blob.path("topic").asText());
        assertEquals("inv-grid-down", blob.path("invocation_id").asText());
        Set<String> deadIds = new HashSet<>();
        blob.path("cloudevents").forEach(e -> deadIds.add(e.path("id").asText()));
        assertEquals(expected, deadIds, "nothing dropped: every finding is in the dead letter");
        assertEquals(expected.size(), blob.path("count").asInt());
        blob.path("cloudevents").forEach(e -> assertEquals("1.0", e.path("specversion").asText()));

        JsonNode summary = ActivityLogFunctionIT.summary(context);
        assertEquals(0, summary.path("published").asInt());
        assertEquals(expected.size(), summary.path("unpublished").asInt());
        assertEquals(blob.path("_blob_name").asText(), summary.path("dead_letter_blobs").get(0).asText());
        System.out.printf("Event Grid down: %d attempts, then %d findings in %s (error: %s)%n",
                azure.grid.requests().size(), deadIds.size(), blob.path("_blob_name").asText(),
                blob.path("error").asText());
    }

    @Test
    void anEventEventGridRefusesCostsOnlyItself() throws Exception {
        List<String> bodies = attackBodies();
        Set<String> expected = idsWhenUp(bodies);
        String victim = expected.stream().sorted().findFirst().orElseThrow();
        azure.grid.refuseContaining("\"" + victim + "\"");
        ActivityLogFunctionIT.batch("2", 100, bodies).runOn(azure.function(azure.env("informational")),
                new TestContext("inv-refused"));
        Set<String> accepted = new HashSet<>();
        for (LocalEventGrid.Request r : azure.grid.requests()) {
            if (!r.body().contains("\"" + victim + "\"")) {
                AzureFixtures.JSON.readTree(r.body()).forEach(e -> accepted.add(e.path("id").asText()));
            }
        }
        Set<String> others = new HashSet<>(expected);
        others.remove(victim);
        assertEquals(others, accepted, "every other finding was published");
        List<JsonNode> dead = azure.deadLetters(DeadLetters.UNPUBLISHED);
        assertEquals(1, dead.size());
        assertEquals(1, dead.get(0).path("count").asInt());
        assertEquals(victim, dead.get(0).path("cloudevents").get(0).path("id").asText());
        assertTrue(dead.get(0).path("error").asText().contains("400"), dead.get(0).path("error").asText());
    }

    @Test
    void aTransientFailureIsCoveredByTheRetriesAndNothingIsDeadLettered() throws Exception {
        List<String> bodies = attackBodies();
        Set<String> expected = idsWhenUp(bodies);
        azure.grid.failNext(2);
        ActivityLogFunctionIT.batch("2", 100, bodies).runOn(azure.function(azure.env("informational")),
                new TestContext("inv-flaky"));
        assertEquals(3, azure.grid.requests().size(), "two 503s, then accepted");
        Set<String> ids = new HashSet<>();
        AzureFixtures.JSON.readTree(azure.grid.requests().get(2).body()).forEach(e -> ids.add(e.path("id").asText()));
        assertEquals(expected, ids);
        assertTrue(azure.deadLetters(DeadLetters.UNPUBLISHED).isEmpty());
    }

    @Test
    void whenTheDeadLetterContainerCannotBeWrittenEitherTheInvocationFails() throws Exception {
        Map<String, String> env = azure.env("informational");
        env.put("SIDEDOOR_DEADLETTER_BLOB_URI", "https://127.0.0.1:" + closedPort() + "/" + Azurite.ACCOUNT);
        azure.grid.failNext(Integer.MAX_VALUE);
        List<String> bodies = new java.util.ArrayList<>(attackBodies());
        bodies.add(AzureFixtures.document(List.of("{\"operationName\": ]")));
        TestContext context = new TestContext("inv-nowhere");
        DeadLetters.DeadLetterException e = assertThrows(DeadLetters.DeadLetterException.class,
                () -> ActivityLogFunctionIT.batch("2", 100, bodies).runOn(azure.function(env), context));
        assertTrue(e.getMessage().startsWith("2 dead letter(s) could not be written; the batch fails so the retry "
                + "policy runs it again. First: could not write dead letter https://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("/sidedoor-deadletter/unpublished/"), e.getMessage());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
        assertEquals(LocalAzure.ATTEMPTS, azure.grid.requests().size(), "publishing was tried first");
        // What was lost is in the log even though no dead letter could be written: the findings themselves, and
        // the position of the unreadable event.
        String lines = context.lines().toString();
        assertTrue(lines.contains("unpublished findings could not be dead-lettered")
                && lines.contains("unpublished finding, last copy"), lines);
        assertTrue(lines.contains("records could not be read") && lines.contains("\"sequence_number\":"
                + (100 + bodies.size() - 1)), lines);
        assertTrue(lines.contains("batch processed with dead letters"), "the summary is still logged: " + lines);
    }

    /** A run command whose caller name an attacker padded: its finding JSON is longer than one log line. */
    private static String paddedRecord() {
        com.fasterxml.jackson.databind.node.ObjectNode r = (com.fasterxml.jackson.databind.node.ObjectNode)
                AzureFixtures.match().stream().filter(f -> f.rule().equals("azure_vm_run_command")).findFirst()
                        .orElseThrow().record().deepCopy();
        // Each padded value is clipped to 4,096 characters in the finding; together they pass one log line.
        r.put("correlationId", "0d5f7e2a-61c4-4b8e-9f03-" + "c".repeat(10_000));
        r.put("callerIpAddress", "203.0.113.7" + " ".repeat(10_000));
        r.put("resultSignature", "Succeeded." + "s".repeat(10_000));
        r.put("location", "westeurope" + "l".repeat(10_000));
        ((com.fasterxml.jackson.databind.node.ObjectNode) r.path("identity").path("claims")).put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
                "\u00e9\u4e2d".repeat(300_000) + "@northwindlabs.example");
        return r.toString();
    }

    @Test
    void withEventGridAndStorageBothDownEveryFindingIsLoggedWholeInPieces() throws Exception {
        List<String> bodies = new ArrayList<>(attackBodies());
        bodies.add(AzureFixtures.document(List.of(paddedRecord())));
        Set<String> expected = idsWhenUp(bodies);
        Map<String, String> env = azure.env("informational");
        env.put("SIDEDOOR_DEADLETTER_BLOB_URI", "https://127.0.0.1:" + closedPort() + "/" + Azurite.ACCOUNT);
        azure.grid.failNext(Integer.MAX_VALUE);
        TestContext context = new TestContext("inv-both-down");
        assertThrows(DeadLetters.DeadLetterException.class,
                () -> ActivityLogFunctionIT.batch("2", 100, bodies).runOn(azure.function(env), context));
        // Join each finding's pieces back together, in order, and read the CloudEvent they make.
        Map<String, java.util.TreeMap<Integer, String>> pieces = new java.util.HashMap<>();
        int longest = 0;
        for (TestContext.Line line : context.lines()) {
            longest = Math.max(longest, line.message().length());
            JsonNode l = AzureFixtures.JSON.readTree(line.message());
            if (l.path("message").asText().equals("unpublished finding, last copy")) {
                pieces.computeIfAbsent(l.path("cloudevent_id").asText(), k -> new java.util.TreeMap<>())
                        .put(l.path("part").asInt(), l.path("cloudevent").asText());
                assertTrue(pieces.get(l.path("cloudevent_id").asText()).size() <= l.path("parts").asInt());
            }
        }
        Set<String> logged = new HashSet<>();
        int split = 0;
        for (Map.Entry<String, java.util.TreeMap<Integer, String>> e : pieces.entrySet()) {
            JsonNode event = AzureFixtures.JSON.readTree(String.join("", e.getValue().values()));
            assertEquals(e.getKey(), event.path("id").asText());
            assertTrue(event.path("data").has("finding_id"), "the finding itself is in the copy");
            logged.add(event.path("id").asText());
            split += e.getValue().size() > 1 ? 1 : 0;
        }
        assertEquals(expected, logged, "every finding is in the log, whole");
        assertTrue(split >= 1, "the padded finding needed more than one line: " + pieces.values().stream()
                .map(m -> m.values().stream().mapToInt(String::length).sum()).sorted().toList());
        assertTrue(longest < 32 * 1024, "every line fits an Application Insights trace: " + longest);
    }

    @Test
    void aBatchThatArrivesWhileTheFunctionCannotStartIsDeadLetteredWhole() throws Exception {
        List<String> bodies = attackBodies();
        Map<String, String> env = azure.env("informational");
        env.remove("SIDEDOOR_EVENTGRID_ENDPOINT");
        ActivityLogFunction function = new ActivityLogFunction(() -> BatchHandler.create(Config.fromEnvironment(env),
                azure.identity, azure.http, java.time.Duration.ofMillis(20), java.time.Clock.systemUTC()), env,
                azure.clients());
        TestContext context = new TestContext("inv-misconfigured");
        // Safely dead-lettered: a retry would fail the same way and only write the batch again.
        ActivityLogFunctionIT.batch("5", 900, bodies).runOn(function, context);
        List<JsonNode> dead = azure.deadLetters(DeadLetters.UNPROCESSED);
        assertEquals(1, dead.size());
        JsonNode events = dead.get(0).path("events");
        assertEquals(bodies.size(), events.size());
        for (int i = 0; i < bodies.size(); i++) {
            assertEquals(bodies.get(i), events.get(i).path("body").asText());
            assertEquals(900 + i, events.get(i).path("sequence_number").asLong());
            assertEquals("5", events.get(i).path("partition").asText());
        }
        assertTrue(dead.get(0).path("reason").asText().contains("sidedoor could not start"));
        assertTrue(dead.get(0).path("reason").asText().contains("SIDEDOOR_EVENTGRID_ENDPOINT is not set"));
        assertTrue(azure.grid.requests().isEmpty());
        assertTrue(context.lines().stream().anyMatch(l -> l.level() == java.util.logging.Level.SEVERE
                && l.message().contains("could not start") && l.message().contains(dead.get(0).path("_blob_name")
                .asText()) && l.message().contains("partition 5 sequence 900")), context.lines().toString());
    }

    @Test
    void anUnforeseenFailureWhileProcessingDeadLettersTheBatchInsteadOfLosingIt() throws Exception {
        List<String> bodies = attackBodies();
        Map<String, String> env = azure.env("informational");
        BatchHandler broken = new BatchHandler(null, null, null, null, "unused");
        ActivityLogFunction function = new ActivityLogFunction(() -> broken, env, azure.clients());
        ActivityLogFunctionIT.batch("6", 30, bodies).runOn(function, new TestContext("inv-bug"));
        List<JsonNode> dead = azure.deadLetters(DeadLetters.UNPROCESSED);
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).path("reason").asText().contains("processing failed: NullPointerException"),
                dead.get(0).path("reason").asText());
        assertEquals(bodies.size(), dead.get(0).path("events").size());
    }

    @Test
    void whenNothingCanBeDeadLetteredTheInvocationFails() throws Exception {
        Map<String, String> env = azure.env("informational");
        env.put("SIDEDOOR_DEADLETTER_BLOB_URI", "https://127.0.0.1:" + closedPort() + "/" + Azurite.ACCOUNT);
        env.remove("SIDEDOOR_EVENTGRID_ENDPOINT");
        ActivityLogFunction function = new ActivityLogFunction(() -> BatchHandler.create(Config.fromEnvironment(env),
                azure.identity, azure.http, java.time.Duration.ofMillis(20), java.time.Clock.systemUTC()), env,
                azure.clients());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ActivityLogFunctionIT.batch("5", 1, attackBodies()).runOn(function, new TestContext("x")));
        assertTrue(e.getMessage().startsWith("sidedoor could not start (IllegalStateException: "
                + "SIDEDOOR_EVENTGRID_ENDPOINT is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("could not be dead-lettered"), e.getMessage());
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
