package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.tuning.Tuning;
import dev.sidedoor.core.finding.Finding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: every bad record gets an error naming the file and the record, and every good record around it
 * is still scanned (each good record here is an EC2 Instance Connect key push, so it must become a finding).
 */
class HostileInputTest {

    private static Engine engine;

    @BeforeAll
    static void engine() {
        engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
    }

    static String good(int n) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-20T10:00:0" + (n % 10) + "Z\","
                + "\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"203.0.113.9\",\"eventID\":\"good-" + n + "\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/dev\"},"
                + "\"requestParameters\":{\"instanceId\":\"i-0abc00000000000" + n + "\",\"instanceOSUser\":\"ec2-user\"},"
                + "\"recipientAccountId\":\"111122223333\"}";
    }

    static byte[] hostileJsonLines() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, good(1));
        line(out, "{\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPub");   // truncated
        line(out, good(2));
        line(out, "{\"eventSource\":5,\"eventName\":[\"x\"],\"userIdentity\":\"nope\",\"requestParameters\":7}"); // wrong types
        line(out, good(3));
        line(out, "{\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"SendSSHPublicKey\","
                + "\"requestParameters\":{\"instanceId\":\"i-1\"},\"userAgent\":\"" + "A".repeat(10 * 1024 * 1024) + "\"}"); // 10 MB string
        line(out, good(4));
        line(out, "[".repeat(10_000) + "]".repeat(10_000));                                                     // deep nesting
        line(out, "{\"a\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001));                          // deep objects
        line(out, good(5));
        out.write("{\"eventSource\":\"ec2-instance-connect.amazonaws.com\",\"eventName\":\"".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});                                        // invalid UTF-8
        line(out, "\"}");
        line(out, good(6));
        line(out, "\"just a string\"");
        line(out, good(7));
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Test
    void everyGoodRecordIsScannedAndEveryBadOneNamed() throws IOException {
        InputResult r = engine.scan(new ByteArrayInputStream(hostileJsonLines()), "hostile.jsonl");
        List<String> ids = r.findings().stream().map(f -> String.valueOf(f.event().id())).sorted().toList();
        // The record padded with a 10 MB user agent (no eventID) is evaluated with the field cut, not rejected.
        assertEquals(List.of("good-1", "good-2", "good-3", "good-4", "good-5", "good-6", "good-7", "null"), ids);
        Finding padded = r.findings().stream().filter(f -> f.event().id() == null).findFirst().orElseThrow();
        assertEquals(6, padded.origin().line());
        assertTrue(padded.notes().stream().anyMatch(n -> n.startsWith("field userAgent clipped from 10485760 bytes")),
                padded.notes().toString());
        List<String> messages = r.rejections().stream().map(Rejection::message).toList();
        assertEquals(5, messages.size(), String.join("\n", messages));
        for (String m : messages) {
            assertTrue(m.startsWith("hostile.jsonl: record "), m);
            assertTrue(m.length() < 1000, "message must stay short: " + m.length());
        }
        assertTrue(messages.get(0).contains("line 2") && messages.get(0).contains("truncated"), messages.get(0));
        assertTrue(messages.get(1).contains("line 8") && messages.get(1).contains("nested deeper"), messages.get(1));
        assertTrue(messages.get(2).contains("line 9") && messages.get(2).contains("nested deeper"), messages.get(2));
        assertTrue(messages.get(3).contains("line 11"), messages.get(3));
        assertTrue(messages.get(4).contains("line 13") && messages.get(4).contains("a string"), messages.get(4));
        assertEquals(1, r.stats().skipped().values().stream().mapToLong(Long::longValue).sum(),
                "the wrong-typed record is not an audit record: " + r.stats().skipped());
    }

    @Test
    void aTruncatedS3LogFileKeepsTheRecordsBeforeTheCut() throws IOException {
        String file = "{\"Records\":[" + good(1) + "," + good(2) + "," + good(3).substring(0, 120);
        InputResult r = engine.scan(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "cut.json");
        assertEquals(2, r.findings().size());
        assertEquals(1, r.rejections().size());
        assertTrue(r.rejections().get(0).message().startsWith("cut.json: record 3"), r.rejections().get(0).message());
        assertTrue(r.rejections().get(0).detail().contains("truncated"), r.rejections().get(0).detail());
    }

    @Test
    void aBinaryFileIsOneClearError() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        InputResult r = engine.scan(new ByteArrayInputStream(png), "picture.png");
        assertEquals(1, r.rejections().size());
        assertTrue(r.rejections().get(0).message().startsWith("picture.png: file: not a JSON log"),
                r.rejections().get(0).message());
        assertTrue(r.findings().isEmpty());
    }
}
