package dev.sidedoor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --state DIR}: the baseline survives between runs, one run per day gives what one run of the month
 * gives, a rescan changes nothing, and a second process on the same DIR is told so.
 */
class StateScanTest {

    @TempDir
    Path tmp;

    private static final LocalDate START = LocalDate.parse("2026-10-01");
    private static final String CLI = "aws-cli/2.22.14 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0 md/arch#x86_64";

    static String push(int day, int hour, String user, String ip, String instance) {
        String time = START.plusDays(day) + "T" + String.format("%02d", hour) + ":15:00Z";
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + time + "\","
                + "\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"" + ip + "\",\"eventID\":\"" + user + "-" + day
                + "-" + hour + "\",\"userAgent\":\"" + CLI + "\","
                + "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/"
                + "AWSReservedSSO_Developer_0a1b2c3d4e5f6a7b/" + user + "\"},"
                + "\"requestParameters\":{\"instanceId\":\"" + instance + "\",\"instanceOSUser\":\"ec2-user\"},"
                + "\"recipientAccountId\":\"111122223333\"}";
    }

    /** Three weeks of two developers' routine, then a night-time push from elsewhere; one file per day. */
    private List<Path> month() throws IOException {
        List<Path> days = new ArrayList<>();
        for (int day = 0; day < 24; day++) {
            List<String> lines = new ArrayList<>();
            lines.add(push(day, 9, "alice@corp.example", "203.0.113.45", "i-0a11ce000000000a1"));
            lines.add(push(day, 10, "bob@corp.example", "198.51.100.7", "i-0b0b00000000000b1"));
            if (day == 23) {
                // At night from elsewhere: to a brand-new instance (network and hour new), then to Bob's box
                // (network, hour and a host she never touched).
                lines.add(push(day, 3, "alice@corp.example", "185.220.101.9", "i-0bad00000000000b9"));
                lines.add(push(day, 4, "alice@corp.example", "185.220.101.9", "i-0b0b00000000000b1"));
            }
            // Each day's file also carries a record of the day before that S3 delivered late.
            if (day > 0) {
                lines.add(push(day - 1, 23, "bob@corp.example", "198.51.100.7", "i-0b0b00000000000b1"));
            }
            Path f = tmp.resolve("logs").resolve(String.format("day-%02d.jsonl", day));
            Files.createDirectories(f.getParent());
            Files.writeString(f, String.join("\n", lines) + "\n");
            days.add(f);
        }
        return days;
    }

    /** EnableSerialConsoleAccess late on one day, a serial console key push early the next: one chain. */
    static String enableSerialConsole(int day) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + START.plusDays(day) + "T23:50:00Z\","
                + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"EnableSerialConsoleAccess\","
                + "\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"198.51.100.7\",\"eventID\":\"enable-"
                + day + "\",\"userAgent\":\"" + CLI + "\",\"userIdentity\":{\"type\":\"AssumedRole\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developer_0a1b2c3d4e5f6a7b/"
                + "bob@corp.example\"},\"requestParameters\":{},\"responseElements\":{\"serialConsoleAccessEnabled\":"
                + "true},\"recipientAccountId\":\"111122223333\"}";
    }

    static String serialKeyPush(int day) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + START.plusDays(day) + "T00:10:00Z\","
                + "\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":"
                + "\"SendSerialConsoleSSHPublicKey\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":"
                + "\"198.51.100.7\",\"eventID\":\"serial-" + day + "\",\"userAgent\":\"" + CLI + "\","
                + "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/"
                + "AWSReservedSSO_Developer_0a1b2c3d4e5f6a7b/bob@corp.example\"},\"requestParameters\":"
                + "{\"instanceId\":\"i-0b0b00000000000b1\",\"serialPort\":0},\"responseElements\":"
                + "{\"success\":true},\"recipientAccountId\":\"111122223333\"}";
    }

    @Test
    void aChainAcrossTwoDailyRunsIsTheSameCorrelationAsInOneRun() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("chain"));
        Files.writeString(logs.resolve("day-10.jsonl"), enableSerialConsole(10) + "\n");
        Files.writeString(logs.resolve("day-11.jsonl"), serialKeyPush(11) + "\n");
        List<JsonNode> whole = Cli.run("scan", "--state", tmp.resolve("s1").toString(), "--format", "jsonl",
                logs.toString()).jsonLines().stream().filter(f -> f.has("correlation")).toList();
        assertEquals(1, whole.size(), whole.toString());
        Path daily = tmp.resolve("s2");
        List<JsonNode> first = Cli.run("scan", "--state", daily.toString(), "--format", "jsonl",
                logs.resolve("day-10.jsonl").toString()).jsonLines();
        List<JsonNode> second = Cli.run("scan", "--state", daily.toString(), "--format", "jsonl",
                logs.resolve("day-11.jsonl").toString()).jsonLines();
        assertTrue(first.stream().noneMatch(f -> f.has("correlation")), "nothing to join yet");
        List<JsonNode> joined = second.stream().filter(f -> f.has("correlation")).toList();
        assertEquals(1, joined.size(), second.toString());
        assertEquals(whole.get(0).path("finding_id").asText(), joined.get(0).path("finding_id").asText());
        assertEquals(whole.get(0).path("correlation").path("finding_ids"),
                joined.get(0).path("correlation").path("finding_ids"));
        // Day 11 again: the same answer, nothing doubled.
        List<JsonNode> again = Cli.run("scan", "--state", daily.toString(), "--format", "jsonl",
                logs.resolve("day-11.jsonl").toString()).jsonLines();
        assertEquals(1, again.stream().filter(f -> f.has("correlation")).count());
    }

    private static List<String> verdicts(Cli r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        List<String> out = new ArrayList<>();
        for (JsonNode f : r.jsonLines()) {
            out.add(f.path("event").path("id").asText() + " " + f.path("severity").asText() + " "
                    + f.path("baseline").path("state").asText());
        }
        return out.stream().sorted().toList();
    }

    @Test
    void oneRunPerDayEqualsOneRunOfTheMonthAndARescanChangesNothing() throws Exception {
        List<Path> days = month();
        Path whole = tmp.resolve("state-whole");
        List<String> expected = verdicts(Cli.run("scan", "--state", whole.toString(), "--format", "jsonl",
                tmp.resolve("logs").toString()));
        // A new network at a new hour reaching a new host is more than a hotel: told at the rule's level.
        assertTrue(expected.contains("alice@corp.example-23-3 medium novel"), expected.toString());
        assertTrue(expected.contains("alice@corp.example-23-4 high novel"), expected.toString());
        assertTrue(expected.contains("alice@corp.example-22-9 informational routine"), expected.toString());

        Path daily = tmp.resolve("state-daily");
        List<String> dayByDay = new ArrayList<>();
        for (Path day : days) {
            dayByDay.addAll(verdicts(Cli.run("scan", "--state", daily.toString(), "--format", "jsonl",
                    day.toString())));
        }
        // The late record of each day is scanned twice (its own day's run does not have it; the next day's does):
        // the second sight is the same finding, judged the same way.
        assertEquals(expected, dayByDay.stream().distinct().sorted().toList());
        assertTrue(Files.isRegularFile(daily.resolve(StateStore.FILE)));

        List<String> rescan = verdicts(Cli.run("scan", "--state", daily.toString(), "--format", "jsonl",
                tmp.resolve("logs").toString()));
        assertEquals(expected, rescan, "a rescan of the same files changes nothing");
    }

    @Test
    void aRecordFromTheFutureOrANameWithALineBreakCannotSpoilTheState() throws Exception {
        month();
        Path state = tmp.resolve("state-hostile");
        List<String> expected = verdicts(Cli.run("scan", "--state", state.toString(), "--format", "jsonl",
                tmp.resolve("logs").toString()));
        Path hostile = tmp.resolve("hostile.jsonl");
        Files.writeString(hostile, push(30000, 3, "ev\\nil\\tx@corp.example", "203.0.113.45", "i-0a11ce000000000a1")
                + "\n");
        Cli odd = Cli.run("scan", "--state", state.toString(), "--format", "jsonl", hostile.toString());
        assertEquals(0, odd.exit(), odd.err());
        assertEquals(expected, verdicts(Cli.run("scan", "--state", state.toString(), "--format", "jsonl",
                tmp.resolve("logs").toString())), "the history is intact");
    }

    @Test
    void aSecondProcessOnTheSameStateIsToldClearly() throws Exception {
        month();
        Path state = tmp.resolve("state");
        try (StateStore held = StateStore.open(state)) {
            Cli r = Cli.run("scan", "--state", state.toString(), "--format", "jsonl", tmp.resolve("logs").toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("is in use by another sidedoor process"), r.err());
            assertEquals("", r.out());
        }
    }
}
