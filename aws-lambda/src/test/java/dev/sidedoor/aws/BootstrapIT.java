package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.aws.state.DynamoApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new deployment is quiet from its first day: the CLI learns three weeks of archived CloudTrail into a --state
 * directory, `sidedoor baseline push` copies it into moto's DynamoDB, and the Lambda then treats that routine as
 * routine. The CLI runs as its own process, from the jar the cli module built, as a user would run it.
 */
class BootstrapIT extends WithMoto {

    @TempDir
    Path tmp;

    private static String table(String name) throws Exception {
        return StateIT.table(name);
    }

    private static String cli(String... args) throws Exception {
        return CliJar.run(args);
    }

    private static Handler handler(String topicArn, String table) {
        Map<String, String> env = MotoTopics.env(topicArn, null, "medium");
        env.put("SIDEDOOR_STATE_TABLE", table);
        Config config = Config.fromEnvironment(env);
        return new Handler(config, SnsApi.create(config.maxAttempts(), aws.moto.endpoint(), MotoTopics.REGION,
                MotoTopics.CREDENTIALS), DynamoApi.create(aws.moto.endpoint(), MotoTopics.REGION,
                MotoTopics.CREDENTIALS), Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), l -> l);
    }

    @Test
    void aBaselineLearntFromArchivesAndPushedMakesTheFunctionQuietFromItsFirstDay() throws Exception {
        List<String> archive = new ArrayList<>();
        for (int day = 0; day < 21; day++) {
            archive.add(StateIT.push(day, 9, "alice@corp.example", "203.0.113.45", StateIT.CLI,
                    "i-0a11ce000000000a1", "111122223333"));
        }
        Path logs = Files.writeString(tmp.resolve("archive.jsonl"), String.join("\n", archive));
        Path state = tmp.resolve("state");
        cli("scan", "--state", state.toString(), "--format", "jsonl", logs.toString());
        String pushed = cli("baseline", "push", "--state", state.toString(), "--endpoint-url",
                aws.moto.endpoint().toString(), "--region", "us-east-1", "dynamodb://" + table("bootstrapped"));
        assertTrue(pushed.contains("pushed ") && pushed.contains("to DynamoDB table bootstrapped"), pushed);

        byte[] today = AwsFixtures.JSON.writeValueAsBytes(AwsFixtures.envelope(AwsFixtures.JSON.readTree(
                StateIT.push(22, 9, "alice@corp.example", "203.0.113.45", StateIT.CLI, "i-0a11ce000000000a1",
                        "111122223333")), "alice-22"));
        MotoTopics.Subscribed quiet = aws.topicWithQueue("bootstrapped");
        MotoTopics.invoke(handler(quiet.topicArn(), "bootstrapped"), today);
        assertEquals(List.of(), aws.drain(quiet.queueUrl()), "routine for the pushed baseline: below medium");

        // The same event against an empty table: nothing known yet, so it is told at the rule's level.
        MotoTopics.Subscribed fresh = aws.topicWithQueue("fresh");
        MotoTopics.invoke(handler(fresh.topicArn(), table("fresh")), today);
        List<JsonNode> told = aws.drain(fresh.queueUrl());
        assertEquals(1, told.size());
        JsonNode finding = AwsFixtures.JSON.readTree(told.get(0).path("Message").asText());
        assertEquals("medium", finding.path("severity").asText());
    }
}
