package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A record padded with one huge field is evaluated with that field cut, and costs neither neighbours nor memory. */
class PaddedRecordTest {

    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
    private static final int TEN_MB = 10 << 20;

    /** A valid StartSession whose userAgent is {@code padding} bytes of 'a' (streamed, never held). */
    static InputStream startSession(long padding) {
        String head = "{\"eventVersion\":\"1.10\",\"userIdentity\":{\"type\":\"IAMUser\","
                + "\"arn\":\"arn:aws:iam::403918276512:user/dev\",\"accountId\":\"403918276512\"},"
                + "\"eventTime\":\"2026-11-18T09:14:03Z\",\"eventSource\":\"ssm.amazonaws.com\","
                + "\"eventName\":\"StartSession\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"203.0.113.77\","
                + "\"userAgent\":\"";
        String tail = "\",\"requestParameters\":{\"target\":\"i-0c4e7a91d2f3b6085\"},\"responseElements\":null,"
                + "\"eventID\":\"PADDED\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"403918276512\"}";
        return concat(text(head), new Repeat('a', padding), text(tail));
    }

    @Test
    void aTenMegabyteUserAgentIsClippedAndTheSessionFoundInJsonLines() throws IOException {
        InputResult r = ENGINE.scan(concat(text(RecoveryTest.push(1) + "\n"), startSession(TEN_MB),
                text("\n" + RecoveryTest.push(3) + "\n")), "padded.jsonl");
        assertFoundWithNote(r);
        Finding padded = byId(r, "PADDED");
        assertEquals(2, padded.origin().record());
        assertEquals(2, padded.origin().line());
    }

    @Test
    void aTenMegabyteUserAgentIsClippedAndTheSessionFoundInARecordsFile() throws IOException {
        InputResult r = ENGINE.scan(concat(text("{\"Records\":[" + RecoveryTest.push(1) + ",\n"),
                startSession(TEN_MB), text(",\n" + RecoveryTest.push(3) + "]}\n")), "padded.json");
        assertFoundWithNote(r);
        assertEquals(2, byId(r, "PADDED").origin().record());
    }

    @Test
    void aSixHundredMegabyteFieldNeverNeedsItsSizeInHeap() throws IOException {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        InputResult r = ENGINE.scan(concat(text("{\"Records\":[" + RecoveryTest.push(1) + ",\n"),
                startSession(600L << 20), text(",\n" + RecoveryTest.push(3) + "]}\n")), "huge.json");
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertEquals(List.of("P1", "P3", "PADDED"), RecoveryTest.ids(r), r.rejections().toString());
        assertTrue(peak < 512L << 20, "peak heap while scanning: " + (peak >> 20) + " MB");
    }

    @Test
    void anInputHeldInMemoryIsReadUnclippedOnlyWhenItCannotHoldALongerString() throws IOException {
        byte[] padded = concat(text("{\"Records\":[" + RecoveryTest.push(1) + ",\n"), startSession(TEN_MB),
                text(",\n" + RecoveryTest.push(3) + "]}\n")).readAllBytes();
        // Longer than the bound, held whole (a function's batch): clipped as when streamed.
        assertFoundWithNote(ENGINE.scan(new ByteArrayInputStream(padded), "batch.json"));
        // A stream that only looks like one, and understates what is left, is not trusted for its length.
        assertFoundWithNote(ENGINE.scan(new ByteArrayInputStream(padded) {
            @Override
            public synchronized int available() {
                return 0;
            }
        }, "lying.json"));
        // Within the bound: the same findings whether read with the clipper or without.
        byte[] small = ("{\"Records\":[" + RecoveryTest.push(1) + "," + RecoveryTest.push(3) + "]}\n")
                .getBytes(StandardCharsets.UTF_8);
        InputResult unclipped = ENGINE.scan(new ByteArrayInputStream(small), "small.json");
        InputResult clipped = ENGINE.scan(concat(new ByteArrayInputStream(small)), "small.json");
        assertEquals(List.of("P1", "P3"), RecoveryTest.ids(unclipped));
        assertEquals(RecoveryTest.ids(clipped), RecoveryTest.ids(unclipped));
        assertEquals(clipped.findings().stream().map(Finding::findingId).toList(),
                unclipped.findings().stream().map(Finding::findingId).toList());
    }

    @Test
    void aKnownLengthSparesASmallInputTheLongStringScanAndIsNeverTrustedBeyondIt() throws IOException {
        // Within the bound, the findings are those of a read with the clipper.
        byte[] small = ("{\"Records\":[" + RecoveryTest.push(1) + "," + RecoveryTest.push(3) + "]}\n")
                .getBytes(StandardCharsets.UTF_8);
        InputResult spared = ENGINE.scan(concat(new ByteArrayInputStream(small)), "small.json", small.length);
        InputResult clipped = ENGINE.scan(concat(new ByteArrayInputStream(small)), "small.json");
        assertEquals(List.of("P1", "P3"), RecoveryTest.ids(spared));
        assertEquals(clipped.findings().stream().map(Finding::findingId).toList(),
                spared.findings().stream().map(Finding::findingId).toList());
        // Said to be shorter than it is, ending inside the padded string or before it: the padded record is never
        // read unchecked; the read stops with an error naming the input, and the record before it is kept.
        for (long said : new long[] {30, 200, 4096}) {
            InputResult r = ENGINE.scan(concat(text("{\"Records\":[" + RecoveryTest.push(1) + ",\n"),
                    startSession(TEN_MB), text("," + RecoveryTest.push(3) + "]}")), "records.json", said);
            assertTrue(RecoveryTest.ids(r).stream().noneMatch("PADDED"::equals), RecoveryTest.ids(r).toString());
            assertTrue(r.rejections().stream().anyMatch(x -> x.detail().contains("more than the " + said + " bytes")),
                    r.rejections().toString());
        }
        // A known length above the bound (the whole padded file) leaves the clipper on from the first byte.
        assertFoundWithNote(ENGINE.scan(concat(text("{\"Records\":[" + RecoveryTest.push(1) + ",\n"),
                startSession(TEN_MB), text(",\n" + RecoveryTest.push(3) + "]}\n")), "padded.json", TEN_MB + 4096L));
        // Compressed, the length (of the compressed bytes) says nothing of the strings: they are scanned.
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            concat(text(RecoveryTest.push(1) + "\n"), startSession(TEN_MB), text("\n" + RecoveryTest.push(3) + "\n"))
                    .transferTo(out);
        }
        assertFoundWithNote(ENGINE.scan(new ByteArrayInputStream(gz.toByteArray()), "padded.jsonl.gz", gz.size()));
    }

    private static void assertFoundWithNote(InputResult r) {
        assertEquals(List.of("P1", "P3", "PADDED"), RecoveryTest.ids(r), r.rejections().toString());
        assertEquals(0, r.stats().rejectedTotal(), r.rejections().toString());
        assertEquals(1, r.stats().clippedRecords());
        Finding padded = byId(r, "PADDED");
        assertEquals("aws_ssm_start_session_shell", padded.rule().name());
        assertTrue(padded.notes().contains("field userAgent clipped from " + TEN_MB + " bytes to " + (4 << 20)
                + " characters"), padded.notes().toString());
        assertTrue(byId(r, "P1").notes().stream().noneMatch(n -> n.contains("clipped")), "neighbour noted");
    }

    private static Finding byId(InputResult r, String id) {
        return r.findings().stream().filter(f -> id.equals(f.event().id())).findFirst().orElseThrow();
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream concat(InputStream... parts) {
        return new SequenceInputStream(Collections.enumeration(Arrays.asList(parts)));
    }

    /** {@code n} copies of one byte, produced as read. */
    private static final class Repeat extends InputStream {
        private final byte b;
        private long left;

        Repeat(char c, long n) {
            this.b = (byte) c;
            this.left = n;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(buf, off, off + n, b);
            left -= n;
            return n;
        }
    }
}
