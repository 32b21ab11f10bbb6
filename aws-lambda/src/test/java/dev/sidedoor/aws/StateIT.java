package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.aws.state.DynamoApi;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.testing.KeyPushes;
import dev.sidedoor.core.scan.FunctionEngine;
import dev.sidedoor.core.scan.FunctionSettings;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The Lambda with its state table in moto's DynamoDB: it is as quiet as {@code sidedoor scan --state} on the same
 * month, counts exactly under concurrent invocations, publishes every finding once however often its event is
 * delivered, loses nothing to a crash between publishing and marking, and fails open when DynamoDB is down.
 */
class StateIT extends WithMoto {

    static final String CLI = KeyPushes.CLI;
    private static final String SCRIPT = "python-requests/2.31.0";

    static String push(int day, int hour, String user, String ip, String ua, String instance, String account) {
        return KeyPushes.push(day, hour, user, ip, ua, instance, account);
    }

    /** Three weeks of two developers' routine, then a stolen session, a new identity and more routine. */
    static List<String> month() {
        List<String> out = new ArrayList<>();
        for (int day = 0; day < 28; day++) {
            out.add(push(day, 9, "alice@corp.example", day % 3 == 0 ? "198.51.100.20" : "203.0.113.45", CLI,
                    "i-0a11ce000000000a1", "111122223333"));
            out.add(push(day, 10, "bob@corp.example", "203.0.113.46", CLI, "i-0b0b00000000000b1", "111122223333"));
            if (day == 22) {
                for (int i = 0; i < 3; i++) {
                    out.add(push(day, 3, "alice@corp.example", "185.220.101." + (10 + i), SCRIPT,
                            "i-0bad00000000000" + i, "111122223333"));
                }
            }
            if (day == 25) {
                out.add(push(day, 14, "mallory@corp.example", "192.0.2.66", SCRIPT, "i-0a11ce000000000a1",
                        "444455556666"));
            }
        }
        return out.stream().sorted((a, b) -> time(a).compareTo(time(b))).toList();
    }

    private static String time(String record) {
        return record.replaceAll(".*\"eventTime\":\"([^\"]+)\".*", "$1");
    }

    private static byte[] event(String record) throws Exception {
        JsonNode r = AwsFixtures.JSON.readTree(record);
        return AwsFixtures.JSON.writeValueAsBytes(AwsFixtures.envelope(r, r.path("eventID").asText()));
    }

    /** The table as template.yaml declares it (pk, sk, on demand), created through the same client. */
    static String table(String name) throws Exception {
        dynamo(aws.moto.endpoint()).call("CreateTable", (com.fasterxml.jackson.databind.node.ObjectNode)
                AwsFixtures.JSON.readTree("{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}"));
        return name;
    }

    private static DynamoApi dynamo(URI endpoint) {
        return DynamoApi.create(endpoint, MotoTopics.REGION, MotoTopics.CREDENTIALS);
    }

    private static Handler handler(String topicArn, String table, URI dynamoEndpoint, ByteArrayOutputStream log,
            UnaryOperator<Ledger> ledger) {
        Map<String, String> env = MotoTopics.env(topicArn, null, "medium");
        env.put("SIDEDOOR_STATE_TABLE", table);
        Config config = Config.fromEnvironment(env);
        return new Handler(config, SnsApi.create(config.maxAttempts(), aws.moto.endpoint(), MotoTopics.REGION,
                MotoTopics.CREDENTIALS), dynamo(dynamoEndpoint), Clock.systemUTC(),
                new PrintStream(log, true, StandardCharsets.UTF_8), ledger);
    }

    /** finding_id -> severity of what reached the queue. */
    private static Map<String, String> received(List<JsonNode> messages) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode m : messages) {
            JsonNode finding = AwsFixtures.JSON.readTree(m.path("Message").asText());
            String previous = out.put(finding.path("finding_id").asText(), finding.path("severity").asText());
            assertEquals(null, previous, "published twice: " + finding.path("finding_id").asText());
        }
        return out;
    }

    /** What `sidedoor scan --state DIR --min-severity medium` reports for the same records, run as a user runs it. */
    private static Map<String, String> scanState(List<String> records) throws Exception {
        Path dir = Files.createTempDirectory("sidedoor-month");
        Path month = Files.writeString(dir.resolve("month.jsonl"), String.join("\n", records));
        String out = CliJar.run("scan", "--state", dir.resolve("state").toString(), "--format", "jsonl",
                "--min-severity", "medium", month.toString());
        Map<String, String> found = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode f = AwsFixtures.JSON.readTree(line);
                found.put(f.path("finding_id").asText(), f.path("severity").asText());
            }
        }
        return found;
    }

    @Test
    void aMonthThroughTheHandlerNotifiesExactlyAsScanStateDoes() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("state-month");
        Handler h = handler(findings.topicArn(), table("state-month"), aws.moto.endpoint(),
                new ByteArrayOutputStream(), l -> l);
        List<String> month = month();
        for (String record : month) {
            MotoTopics.invoke(h, event(record));
        }
        Map<String, String> lambda = received(aws.drain(findings.queueUrl()));
        Map<String, String> cli = scanState(month);
        assertEquals(cli, lambda);
        // Quiet after learning, loud on the intrusions: the month is not trivially all or nothing.
        assertTrue(lambda.size() >= 5 && lambda.size() < month.size() / 2, lambda.toString());
        assertTrue(lambda.containsValue("high"), "the stolen session and the new identity are raised: " + lambda);
    }

    @Test
    void eightConcurrentInvocationsOnTheSameActorCountEveryDay() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("state-concurrent");
        String table = table("state-concurrent");
        // Eight days of one person's routine delivered at once, eight containers writing the same items.
        List<byte[]> events = new ArrayList<>();
        for (int day = 0; day < 8; day++) {
            events.add(event(push(day, 9, "carol@corp.example", "203.0.113.47", CLI, "i-0ca40100000000001",
                    "111122223333")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (byte[] e : events) {
                Handler own = handler(findings.topicArn(), table, aws.moto.endpoint(), new ByteArrayOutputStream(),
                        l -> l);
                done.add(pool.submit(() -> MotoTopics.invoke(own, e)));
            }
            for (Future<String> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        aws.drain(findings.queueUrl());
        // Day 20, after the learning period: routine only if all eight days were kept, not the last writer's.
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler later = handler(findings.topicArn(), table, aws.moto.endpoint(), log, l -> l);
        MotoTopics.invoke(later, event(push(20, 9, "carol@corp.example", "203.0.113.47", CLI, "i-0ca40100000000001",
                "111122223333")));
        assertEquals(Map.of(), received(aws.drain(findings.queueUrl())), "routine: below medium");
        Finding judged = judgeAgain(table, push(20, 9, "carol@corp.example", "203.0.113.47", CLI,
                "i-0ca40100000000001", "111122223333"));
        assertEquals("routine", judged.baseline().state(), judged.baseline().toString());
        assertEquals(8, judged.baseline().daysSeen(), "every concurrent day counted: " + judged.baseline());
    }

    /** The baseline's judgement of one more record against the table, as the handler would make it. */
    private static Finding judgeAgain(String table, String record) throws Exception {
        Engine engine = FunctionEngine.build(FunctionSettings.fromEnvironment(Map.of()), Clock.systemUTC());
        Baselining b = new Baselining(dynamo(aws.moto.endpoint()), table, engine.tuning(), engine.detector().rules(),
                Clock.systemUTC(), Ledger.NONE);
        InputResult r = engine.withTuning(Tuning.none()).scan(new ByteArrayInputStream(
                record.getBytes(StandardCharsets.UTF_8)), "one.json");
        return b.judge(r.findings()).findings().get(0);
    }

    @Test
    void everyEventDeliveredTwiceIsPublishedOnce() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("state-twice");
        Handler h = handler(findings.topicArn(), table("state-twice"), aws.moto.endpoint(),
                new ByteArrayOutputStream(), l -> l);
        List<String> month = month();
        List<String> results = new ArrayList<>();
        for (String record : month) {
            MotoTopics.invoke(h, event(record));
            results.add(MotoTopics.invoke(h, event(record)));
        }
        // A late redelivery of the whole month changes nothing either.
        for (String record : month) {
            MotoTopics.invoke(h, event(record));
        }
        Map<String, String> once = received(aws.drain(findings.queueUrl()));
        assertEquals(scanState(month), once);
        assertTrue(results.stream().anyMatch(r -> r.contains("\"already_published\":1")), results.toString());
    }

    /** Stands for the process dying: not an exception the function catches. */
    static final class Crash extends Error {
        Crash() {
            super("injected: the container died between publishing and marking");
        }
    }

    @Test
    void aCrashBetweenPublishingAndMarkingLosesNothingAndRepeatsAtMostOnce() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("state-crash");
        String table = table("state-crash");
        int[] crashes = {1};
        UnaryOperator<Ledger> crashOnce = ledger -> new Ledger() {
            @Override
            public boolean published(String messageId) {
                return ledger.published(messageId);
            }

            @Override
            public void mark(String messageId) {
                if (crashes[0]-- > 0) {
                    throw new Crash();
                }
                ledger.mark(messageId);
            }

            @Override
            public List<String> settle() {
                return ledger.settle();
            }
        };
        Handler h = handler(findings.topicArn(), table, aws.moto.endpoint(), new ByteArrayOutputStream(), crashOnce);
        byte[] stolen = event(push(2, 3, "alice@corp.example", "185.220.101.9", SCRIPT, "i-0bad000000000009",
                "111122223333"));
        assertThrows(Crash.class, () -> MotoTopics.invoke(h, stolen));
        List<JsonNode> first = aws.drain(findings.queueUrl());
        assertEquals(1, first.size(), "published before the crash: not lost");
        MotoTopics.invoke(h, stolen); // Lambda's retry of the failed invocation
        MotoTopics.invoke(h, stolen); // and a redelivery after it
        List<JsonNode> after = aws.drain(findings.queueUrl());
        assertEquals(1, after.size(), "one repeat at most, by the retry that found no mark");
        assertEquals(received(first), received(after), "the repeat carries the same finding id");
    }

    @Test
    void primingBeforeASnapshotWritesNothingIntoTheOrganisationsTable() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("state-priming");
        String table = table("state-priming");
        Handler h = handler(findings.topicArn(), table, aws.moto.endpoint(), new ByteArrayOutputStream(), l -> l);
        h.beforeCheckpoint(null);
        // A scan is what the function may never do; the test may, to see everything the table holds.
        com.fasterxml.jackson.databind.node.ObjectNode scan = (com.fasterxml.jackson.databind.node.ObjectNode)
                AwsFixtures.JSON.readTree("{\"TableName\":\"" + table + "\"}");
        assertEquals(0, dynamo(aws.moto.endpoint()).call("Scan", scan).path("Count").asInt(),
                "the sample event must not become anyone's routine");
        assertEquals(List.of(), aws.drain(findings.queueUrl()));
    }

    @Test
    void dynamoDbDownFailsOpenWithTheNoteTheLogAndTheMetric() throws Exception {
        MotoTopics.Subscribed findings = aws.topicWithQueue("state-down");
        URI closed = URI.create("http://127.0.0.1:" + MotoServer.freePort());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Handler h = handler(findings.topicArn(), "state-down", closed, log, l -> l);
        String routine = push(20, 9, "alice@corp.example", "203.0.113.45", CLI, "i-0a11ce000000000a1",
                "111122223333");
        String result = MotoTopics.invoke(h, event(routine));
        assertTrue(result.contains("\"published\":1"), result);
        List<JsonNode> out = aws.drain(findings.queueUrl());
        assertEquals(1, out.size());
        JsonNode finding = AwsFixtures.JSON.readTree(out.get(0).path("Message").asText());
        assertEquals("medium", finding.path("severity").asText(), "the rule's level");
        assertEquals("unavailable", finding.path("baseline").path("state").asText(), finding.toString());
        assertTrue(finding.path("notes").toString().contains("baseline unavailable: DynamoDB table state-down"),
                finding.path("notes").toString());
        String logs = log.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("\"message\":\"baseline unavailable\""), logs);
        assertTrue(logs.contains("\"BaselineUnavailable\":1"), logs);
        assertTrue(logs.contains("\"message\":\"published-findings ledger unavailable\""), logs);
    }
}
