package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidedoor.core.baseline.Baselines;
import dev.sidedoor.core.baseline.MemoryStore;
import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Baselines in the function, on Azurite's table service: a fortnight and more of the same organisation's days gives
 * exactly the notifications of the CLI's order (scan untuned, judge against a state kept between runs, tune, keep
 * what reaches the minimum severity), and a table that cannot be reached fails open, loudly.
 */
class BaselineFunctionIT extends StatefulAzure {

    static final int DAYS = 17;
    private static final LocalDate LAST = LocalDate.parse("2026-11-18");

    /** The example batch's records as they would be on {@code day}: same people and habits, new operations. */
    private static List<String> dayOf(LocalDate day, List<JsonNode> records) {
        List<JsonNode> shifted = new ArrayList<>();
        for (JsonNode r : records) {
            String text = r.toString().replace("2026-11-18", day.toString());
            shifted.add(another(read(text), day.toString()));
        }
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < shifted.size(); i += 5) {
            bodies.add(body(shifted.subList(i, Math.min(shifted.size(), i + 5))));
        }
        return bodies;
    }

    private static JsonNode read(String text) {
        try {
            return AzureFixtures.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Someone else's hands on a VM the team uses: a new caller from a new network. */
    private static JsonNode intruder(LocalDate day) {
        ObjectNode r = (ObjectNode) read(AzureFixtures.read(AzureFixtures.DIR.resolve(
                "azure_vm_run_command/match/01_diag_success_uppercase.json")).toString()
                .replace("2026-11-18", day.toString()).replace("marek.kowalski@", "svc-backup-7@"));
        r.put("callerIpAddress", "45.155.205.33");
        return another(r, "intruder");
    }

    /** The CLI's order over the same batches: untuned scan, baseline kept between runs, tuning, threshold. */
    private static List<List<String>> reference(List<List<String>> days) {
        Engine engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
        MemoryStore state = new MemoryStore();
        Baselines baselines = new Baselines(state, Tuning.none().baseline(), engine.detector().rules());
        List<List<String>> out = new ArrayList<>();
        for (List<String> bodies : days) {
            Engine.Batch batch = engine.batch();
            for (int i = 0; i < bodies.size(); i++) {
                batch.scan(new ByteArrayInputStream(bodies.get(i).getBytes(StandardCharsets.UTF_8)), "b" + i);
            }
            List<Finding> judged = baselines.apply(batch.finish().findings());
            judged.stream().mapToLong(f -> EventTimes.epochMillis(f.event().time())).filter(ms -> ms >= 0).max()
                    .ifPresent(ms -> baselines.evict((int) (ms / 86_400_000L)));
            out.add(InputResult.triage(judged, Severity.MEDIUM).toPublish().stream()
                    .map(f -> f.findingId() + "." + f.event().outcome() + " " + f.severity().label()).toList());
        }
        return out;
    }

    /** {@value #DAYS} days of the example organisation, the intruder on the last; each day one batch's bodies. */
    static List<List<String>> organisation() {
        List<JsonNode> records = AzureFixtures.exampleRecords();
        List<List<String>> days = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = LAST.minusDays(DAYS - 1 - d);
            List<String> bodies = new ArrayList<>(dayOf(day, records));
            if (d == DAYS - 1) {
                bodies.add(body(List.of(intruder(day))));
            }
            days.add(bodies);
        }
        return days;
    }


    /**
     * The same days through the real command line, as a user runs it: {@code sidedoor scan --state DIR --format
     * jsonl --min-severity medium} once per day, one file per day, one state directory throughout.
     */
    @Test
    void daysThroughTheFunctionNotifyExactlyAsTheRealCliWithAState() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(CliProcess.JAR), CliProcess.JAR
                + " is not built: `mvn -B verify` builds the cli module before this one");
        List<List<String>> days = organisation();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "cli-");
        List<List<String>> cli = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            java.nio.file.Path file = dir.resolve("day-" + d + ".jsonl");
            java.nio.file.Files.writeString(file, String.join("\n", days.get(d)) + "\n");
            List<String> shown = new ArrayList<>();
            for (String line : cli(dir.resolve("state"), file).split("\n")) {
                JsonNode f = line.isBlank() ? null : AzureFixtures.JSON.readTree(line);
                // Correlations are the CLI's own (the function evaluates none): their findings are left out.
                if (f != null && !f.has("correlation")) {
                    shown.add(f.path("finding_id").asText() + "." + f.path("event").path("outcome").asText() + " "
                            + f.path("severity").asText());
                }
            }
            cli.add(shown);
        }
        BatchHandler handler = azure.handler(statefulEnv("medium"));
        int told = 0;
        for (int d = 0; d < DAYS; d++) {
            azure.grid.clear();
            run(handler, "inv-cli-day-" + d, days.get(d));
            List<String> function = published().stream()
                    .map(e -> e.path("id").asText() + " " + e.path("severity").asText()).toList();
            assertEquals(new java.util.TreeSet<>(cli.get(d)), new java.util.TreeSet<>(function), "day " + d);
            told += function.size();
        }
        assertTrue(told > DAYS, "notifications compared: " + told);
    }

    private static String cli(java.nio.file.Path state, java.nio.file.Path file) throws Exception {
        return CliProcess.run(List.of("scan", "--state", state.toString(), "--format", "jsonl", "--min-severity",
                "medium", file.toString()));
    }

    @Test
    void daysThroughTheFunctionNotifyExactlyAsTheCliWithAState() throws Exception {
        List<List<String>> days = organisation();
        List<List<String>> expected = reference(days);

        // Table requests counted on the wire (each one is a billed transaction in Azure), by table and method.
        Map<String, String> env = statefulEnv("medium");
        CountingHttp counting = new CountingHttp(azure.http,
                java.net.URI.create(env.get("SIDEDOOR_TABLE_URI")).getPort());
        BatchHandler handler = BatchHandler.create(Config.fromEnvironment(env), azure.identity, counting,
                java.time.Duration.ofMillis(20), Clock.systemUTC());
        int findings = 0;
        int judgedBatches = 0;
        List<List<String>> actual = new ArrayList<>();
        List<JsonNode> lastDay = List.of();
        for (int d = 0; d < DAYS; d++) {
            azure.grid.clear();
            JsonNode summary = summary(run(handler, "inv-day-" + d, days.get(d)));
            assertEquals(0, summary.path("baseline_unavailable").asInt());
            findings += summary.path("findings").asInt();
            judgedBatches++;
            lastDay = published();
            actual.add(lastDay.stream().map(e -> e.path("id").asText() + " " + e.path("severity").asText()).toList());
        }
        for (int d = 0; d < DAYS; d++) {
            assertEquals(new java.util.TreeSet<>(expected.get(d)), new java.util.TreeSet<>(actual.get(d)),
                    "day " + d);
        }
        int transactions = counting.total();
        System.out.printf("table transactions: %d for %d findings in %d batches (%.1f per finding, %.0f per batch): "
                + "%s%n", transactions, findings, judgedBatches, transactions / (double) findings,
                transactions / (double) judgedBatches, counting.counts());
        // The sparse case: one finding alone in its batch (a quiet hour) reads and writes every key it touches.
        counting.clear();
        JsonNode alone = another(read(AzureFixtures.read(AzureFixtures.DIR.resolve(
                "azure_vm_run_command/match/01_diag_success_uppercase.json")).toString()
                .replace("2026-11-18", LAST.plusDays(1).toString())), "alone");
        azure.grid.clear();
        JsonNode aloneSummary = summary(run(handler, "inv-alone", List.of(body(List.of(alone)))));
        assertEquals(1, aloneSummary.path("findings").asInt(), aloneSummary.toString());
        System.out.printf("one finding alone in a batch: %d table transactions %s%n",
                counting.total(), counting.counts());
        for (String table : List.of("SIDEDOOR_BASELINE_TABLE", "SIDEDOOR_LEDGER_TABLE")) {
            long entities = 0;
            long bytes = 0;
            for (var e : tables.client(env.get(table)).listEntities()) {
                entities++;
                for (Object v : e.getProperties().values()) {
                    bytes += v instanceof byte[] b ? b.length : String.valueOf(v).length() * 2L;
                }
            }
            System.out.printf("%s: %d entities, about %d KB of properties%n", env.get(table), entities, bytes / 1024);
        }
        int first = actual.get(0).size();
        int routine = actual.get(DAYS - 2).size();
        System.out.printf("baseline in the function: %d notifications on day 1, %d on day %d, %d on the intruder's "
                + "day (expected the same from the CLI's order)%n", first, routine, DAYS - 1,
                actual.get(DAYS - 1).size());
        assertTrue(routine < first, "the routine got quieter: " + first + " -> " + routine);
        JsonNode told = lastDay.stream().filter(e -> e.path("data").path("actor").asText().startsWith("svc-backup-7@"))
                .findFirst().orElseThrow(() -> new AssertionError("the intruder's Run Command is not told"));
        assertTrue(Severity.parse(told.path("severity").asText()).atLeast(Severity.HIGH), told.toString());
        assertEquals("novel", told.path("data").path("baseline").path("state").asText(), told.toString());
    }

    @Test
    void anUnreachableTableFailsOpenAtTheRulesLevelsWithANoteAnErrorAndACount() throws Exception {
        List<String> bodies = dayOf(LAST, AzureFixtures.exampleRecords());
        // Without tables: every finding at its rule's level, the reference.
        run(azure.handler(azure.env("medium")), "inv-stateless", bodies);
        Map<String, String> expected = new HashMap<>();
        published().forEach(e -> expected.put(e.path("id").asText(), e.path("severity").asText()));
        assertTrue(expected.size() >= 5, expected.toString());
        azure.grid.clear();

        // The tables' own Azurite answers the first batch, then stops.
        LocalTables own = LocalTables.start(azure.tls, azure.identity, azure.http);
        Map<String, String> env = new HashMap<>(azure.env("medium"));
        env.putAll(own.settings());
        CountingHttp counting = new CountingHttp(azure.http,
                java.net.URI.create(env.get("SIDEDOOR_TABLE_URI")).getPort());
        BatchHandler handler = BatchHandler.create(Config.fromEnvironment(env), azure.identity, counting,
                java.time.Duration.ofMillis(20), Clock.systemUTC());
        run(handler, "inv-up", dayOf(LAST.minusDays(1), AzureFixtures.exampleRecords()));
        own.close();
        azure.grid.clear();
        TestContext context = run(handler, "inv-down", bodies);

        Map<String, String> actual = new HashMap<>();
        for (JsonNode e : published()) {
            actual.put(e.path("id").asText(), e.path("severity").asText());
            JsonNode notes = e.path("data").path("notes");
            assertTrue(notes.toString().contains("baseline unavailable: table "), notes.toString());
            assertEquals("unavailable", e.path("data").path("baseline").path("state").asText(),
                    e.path("data").toString());
        }
        assertEquals(expected, actual, "the same findings at the same (rule) levels: nothing lost or lowered");
        JsonNode summary = summary(context);
        assertEquals(summary.path("findings").asInt(), summary.path("baseline_unavailable").asInt());
        assertEquals(1, summary.path("ledger_unavailable").asInt());
        List<String> errors = context.lines().stream().filter(l -> l.level() == Level.SEVERE)
                .map(TestContext.Line::message).toList();
        assertTrue(errors.stream().anyMatch(l -> l.startsWith("{\"message\":\"baseline unavailable")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(l -> l.startsWith("{\"message\":\"ledger unavailable")),
                errors.toString());

        // The next batch, within the cooldown, does not wait for the tables again: it fails open at once.
        counting.clear();
        azure.grid.clear();
        TestContext next = run(handler, "inv-still-down", dayOf(LAST.plusDays(1), AzureFixtures.exampleRecords()));
        assertEquals(0, counting.total(), "no table request while cooling down: " + counting.counts());
        List<JsonNode> events = published();
        assertEquals(expected.size(), events.size());
        for (JsonNode e : events) {
            assertTrue(e.path("data").path("notes").toString().contains("baseline unavailable: not tried until "),
                    e.path("data").path("notes").toString());
        }
        assertEquals(summary(next).path("findings").asInt(), summary(next).path("baseline_unavailable").asInt());
    }
}
