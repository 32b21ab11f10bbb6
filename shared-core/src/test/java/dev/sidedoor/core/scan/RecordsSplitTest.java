package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code {"Records":[...]}} document read in ranges side by side gives exactly what reading it whole gives, and
 * a cut that is not a true element boundary (the bytes of one inside a string) is caught and read again whole.
 */
class RecordsSplitTest {

    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
    /** A record whose note ends in the bytes of an element boundary: "},{" and then the string's closing quote. */
    private static final String DECOY = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ec2.amazonaws.com\","
            + "\"eventName\":\"DescribeInstances\",\"eventTime\":\"2024-03-01T00:00:00Z\",\"note\":\"x},{\","
            + "\"other\":\"y},\\n{\\\"eventVersion\\\":\\\"1.08\\\"}\",\"eventID\":\"decoy\"}";
    private static ExecutorService pool;
    private static List<String> cloudTrail;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        pool = Executors.newFixedThreadPool(3);
        cloudTrail = SplitInput.exampleRecords().stream()
                .filter(r -> r.startsWith("{\"eventVersion\"") && r.contains(".amazonaws.com\"")).toList();
        assertTrue(cloudTrail.size() > 10, "CloudTrail records in the examples: " + cloudTrail.size());
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    /** About {@code megabytes} of records: the examples' CloudTrail records (new ids each copy), fillers, decoys. */
    private Path records(String name, int megabytes, String separator, String extra) throws IOException {
        StringBuilder b = new StringBuilder("{\"Records\":[");
        int copy = 0;
        boolean first = true;
        while (b.length() < megabytes << 20) {
            List<String> batch = new ArrayList<>();
            for (String r : cloudTrail) {
                batch.add(r.replace("\"eventID\":\"", "\"eventID\":\"c" + copy + "-"));
            }
            for (int i = 0; i < 40; i++) {
                batch.add(SplitInput.FILLER);
                batch.add(DECOY.replace("decoy", "decoy-" + copy + "-" + i));
            }
            if (copy % 7 == 3 && extra != null) {
                batch.add(extra);
            }
            for (String r : batch) {
                b.append(first ? "" : separator).append(r);
                first = false;
            }
            copy++;
        }
        Path f = dir.resolve(name);
        Files.writeString(f, b.append("]}\n"), StandardCharsets.UTF_8);
        return f;
    }

    private static int at(String text, byte[] name) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return ArraySplits.elementStart(b, b.length, name);
    }

    private static InputResult whole(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            InputResult r = ENGINE.scan(in, f.toString());
            r.stats().addBytes(Files.size(f));
            return r;
        }
    }

    private static long[] cuts(Path f, int parts) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            return ArraySplits.find(ch, ch.size(), parts);
        }
    }

    @Test
    void aRecordsDocumentInRangesEqualsWhole() throws IOException {
        for (String separator : new String[] {",", ",\n", " ,\r\n  "}) {
            Path f = records("records.json", 6, separator, null);
            InputResult w = whole(f);
            assertTrue(w.findings().size() > 50, "findings: " + w.findings().size());
            String expected = SplitScanTest.render(w);
            for (int parts : new int[] {2, 3, 5}) {
                long[] c = cuts(f, parts);
                assertEquals(parts + 1, c.length, "cut where asked");
                AtomicLong counted = new AtomicLong();
                InputResult ranges = new RangeSet(ENGINE, f, f.toString(), c, RangeFormat.RECORDS, new AtomicLong(),
                        counted).scan(pool);
                assertNotNull(ranges, "the ranges' own pass stands");
                ranges.stats().addBytes(counted.get());
                SplitScanTest.sameLines(expected, SplitScanTest.render(ranges), parts + " ranges, '" + separator + "'");
                AtomicLong bytes = new AtomicLong();
                InputResult split = SplitScan.scan(ENGINE, f, f.toString(), parts, pool, bytes);
                assertNotNull(split);
                SplitScanTest.sameLines(expected, SplitScanTest.render(split), parts + " parts, '" + separator + "'");
                assertEquals(Files.size(f), bytes.get());
            }
        }
    }

    @Test
    void theFinderCutsOnlyBeforeAnElementAndTheRangesProveIt() throws IOException {
        Path f = records("records.json", 4, ",\n", null);
        String text = Files.readString(f);
        for (long cut : cuts(f, 6)) {
            if (cut > 0 && cut < text.length()) {
                assertTrue(text.startsWith("{\"eventVersion\"", (int) cut), "a cut at " + cut);
            }
        }
        // Cuts at the decoys' "},{" (inside a string): each is caught and the pass given up.
        List<Long> decoys = new ArrayList<>();
        for (int at = text.indexOf("x},{\","); at >= 0 && decoys.size() < 3; at = text.indexOf("x},{\",", at + 1)) {
            if (decoys.isEmpty() || at - decoys.get(decoys.size() - 1) > text.length() / 4) {
                decoys.add((long) at + 3);
            }
        }
        assertEquals(3, decoys.size());
        for (long decoy : decoys) {
            long[] c = {0, decoy, text.length()};
            assertNull(new RangeSet(ENGINE, f, f.toString(), c, RangeFormat.RECORDS, new AtomicLong(),
                    new AtomicLong()).scan(pool), "a cut inside a string at " + decoy);
        }
    }

    @Test
    void aBrokenElementInAnyRangeMeansTheWholeFileIsReadAgain() throws IOException {
        String broken = "{\"eventVersion\":\"1.08\",\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"StartSession\""
                + ",\"eventID\":\"broken\",\"x\":tru}";
        Path f = records("broken.json", 4, ",", broken);
        InputResult w = whole(f);
        assertTrue(w.stats().rejectedTotal() > 0, "the broken elements are rejected in the whole file");
        String expected = SplitScanTest.render(w);
        assertNull(new RangeSet(ENGINE, f, f.toString(), cuts(f, 3), RangeFormat.RECORDS, new AtomicLong(),
                new AtomicLong()).scan(pool), "a range with a rejected element is not trusted");
        InputResult r = SplitScan.scan(ENGINE, f, f.toString(), 3, pool, new AtomicLong());
        assertNotNull(r);
        SplitScanTest.sameLines(expected, SplitScanTest.render(r), "read again whole");
    }

    @Test
    void aCommentAnywhereMeansTheWholeFileIsReadAgain() throws IOException {
        // A quote inside a comment misleads the whole read's long-string scan for the rest of the line (here: all
        // of it), which then cuts a long run of blanks later on; a range, starting afresh, would not. Such a pass
        // must never stand: any comment gives it up.
        StringBuilder b = new StringBuilder("{\"Records\":[").append(cloudTrail.get(0)).append(",/*\"*/");
        int i = 0;
        while (b.length() < 3 << 20) {
            b.append(SplitInput.FILLER.replace("\"eventName\"", "\"n\":" + i++ + ",\"eventName\"")).append(',');
        }
        b.append("{\"eventVersion\":\"1.08\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RunInstances\",")
                .append(" ".repeat(5 << 20)).append("\"eventID\":\"spaced\"}");
        for (String r : cloudTrail) {
            b.append(',').append(r.replace("\"eventID\":\"", "\"eventID\":\"after-"));
        }
        Path f = dir.resolve("commented.json");
        Files.writeString(f, b.append("]}"), StandardCharsets.UTF_8);
        String expected = SplitScanTest.render(whole(f));
        long[] c = cuts(f, 3);
        assertTrue(c.length > 2, "cut at all");
        assertNull(new RangeSet(ENGINE, f, f.toString(), c, RangeFormat.RECORDS, new AtomicLong(), new AtomicLong())
                .scan(pool), "a pass with a comment in it does not stand");
        InputResult r = SplitScan.scan(ENGINE, f, f.toString(), 3, pool, new AtomicLong());
        assertNotNull(r);
        SplitScanTest.sameLines(expected, SplitScanTest.render(r), "read again whole");
    }

    @Test
    void onlyADocumentThatIsTheRecordsArrayFromEndToEndIsCut() throws IOException {
        assertTrue(ArraySplits.opensRecords(" {\n \"Records\" : [".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(!ArraySplits.opensRecords("{\"records\":[".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(!ArraySplits.opensRecords("{\"Records\":{".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(ArraySplits.closesRecords("}]}\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(!ArraySplits.closesRecords("}],\"more\":1}".getBytes(StandardCharsets.US_ASCII)));
        Path f = records("tail.json", 3, ",", null);
        Files.writeString(f, Files.readString(f).strip().replaceAll("]}$", "],\"NextToken\":\"x\"}"));
        assertNull(cuts(f, 3));
        assertNull(SplitScan.scan(ENGINE, f, f.toString(), 3, pool, new AtomicLong()));
        byte[] name = ArraySplits.firstName("{\"Records\": [ {\"eventVersion\":\"1.08\"".getBytes(
                StandardCharsets.US_ASCII));
        assertEquals("\"eventVersion\"", new String(name, StandardCharsets.US_ASCII));
        assertEquals(2, at("},{\"eventVersion\":", name));
        assertEquals(5, at("} ,\n {  \"eventVersion\"", name));
        assertEquals(-1, at("\",{\"eventVersion\"", name), "after a string, not an object");
        assertEquals(-1, at("},{\"ARN\":\"x\"},{\"ARN\"", name), "an array of objects inside a record");
        assertEquals(-1, at("},{\"eventVersio", name), "the name cut off by the block's end");
    }
}
