package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A file read in ranges side by side gives exactly what reading it whole gives: the same findings with the same
 * origins (record and line), the same rejections in the same order with the same positions, the same counts.
 */
class SplitScanTest {

    private static final Engine ENGINE = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
    private static ExecutorService pool;
    private static SplitInput input;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        pool = Executors.newFixedThreadPool(3);
        input = SplitInput.build(4);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    /** Everything a scan reports, in order, as text: what must not change. */
    static String render(InputResult r) {
        StringBuilder b = new StringBuilder();
        for (Finding f : r.findings()) {
            b.append(f).append(" @ ").append(f.origin()).append('\n');
        }
        for (Rejection x : r.rejections()) {
            b.append("rejected ").append(x).append('\n');
        }
        ScanStats s = r.stats();
        b.append("records ").append(s.records()).append(" events ").append(s.events()).append(" findings ")
                .append(s.findings()).append(" suppressed ").append(s.suppressed()).append(" superseded ")
                .append(s.superseded()).append(" folded ").append(s.foldedLogInSteps()).append(" clipped ")
                .append(s.clippedRecords()).append(" bytes ").append(s.bytes()).append('\n')
                .append("skipped ").append(new java.util.TreeMap<>(s.skipped())).append('\n')
                .append("rejected ").append(new java.util.TreeMap<>(s.rejected())).append('\n');
        return b.toString();
    }

    /** Equal, or the first line that differs (the whole text is too long to read in a report). */
    static void sameLines(String expected, String actual, String what) {
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            assertEquals(e[i], a[i], what + ": line " + (i + 1));
        }
        assertEquals(e.length, a.length, what + ": lines");
    }

    private static InputResult whole(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            InputResult r = ENGINE.scan(in, f.toString());
            r.stats().addBytes(Files.size(f));
            return r;
        }
    }

    @Test
    void theTestFileHasWhatARangeEdgeMustSurvive() throws IOException {
        InputResult r = whole(input.write(dir));
        assertTrue(r.findings().size() > 50, "findings: " + r.findings().size());
        assertTrue(r.stats().rejectedTotal() > 10);
        assertTrue(r.stats().skipped().size() > 0);
        assertTrue(r.findings().stream().anyMatch(f -> f.origin().line() != f.origin().record()));
    }

    @Test
    void splitWhereTheFinderCutsEqualsWhole() throws IOException {
        Path f = input.write(dir);
        String expected = render(whole(f));
        for (int parts : new int[] {2, 3, 5}) {
            AtomicLong bytes = new AtomicLong();
            InputResult split = SplitScan.scan(ENGINE, f, f.toString(), parts, pool, bytes);
            assertNotNull(split);
            sameLines(expected, render(split), parts + " parts");
            assertEquals(Files.size(f), bytes.get());
        }
    }

    @Test
    void cutsRightAtAwkwardLinesEqualWhole() throws IOException {
        Path f = input.write(dir);
        String expected = render(whole(f));
        long n = input.bytes.length;
        // A range starting with a broken record, a blank line, the line after a CRLF, an Azure record (its
        // operation's other records in the range before), a line of two records, a comment; one ending with a
        // skipped S3 notification.
        // (Not at a wrapper line or an array: the reader would read such a range as one document; LineSplits never
        // cuts there.)
        String[] kinds = {"broken", "blank", "after-crlf", "azure", "two", "after-s3", "comment"};
        List<Long> cuts = new ArrayList<>();
        cuts.add(0L);
        for (int k = 0; k < kinds.length; k++) {
            long at = input.first(kinds[k], Math.max(n * (k + 1) / (kinds.length + 1), cuts.get(cuts.size() - 1) + 1));
            cuts.add(at);
        }
        cuts.add(n);
        long[] c = cuts.stream().mapToLong(Long::longValue).toArray();
        AtomicLong counted = new AtomicLong();
        InputResult split = new RangeSet(ENGINE, f, f.toString(), c, new AtomicLong(), counted).scan(pool);
        assertNotNull(split);
        split.stats().addBytes(counted.get());
        sameLines(expected, render(split), "split");
    }

    @Test
    void oneRangePerRecordBoundaryNearTheStartEqualsWhole() throws IOException {
        // Many small ranges, each run on whichever thread claims it first, several read on the caller's thread.
        Path f = input.write(dir);
        String expected = render(whole(f));
        List<Long> cuts = new ArrayList<>();
        cuts.add(0L);
        for (long at : input.starts.get("record")) {
            if (at > 0 && at - cuts.get(cuts.size() - 1) > input.bytes.length / 40) {
                cuts.add(at);
            }
        }
        cuts.add((long) input.bytes.length);
        AtomicLong counted = new AtomicLong();
        InputResult split = new RangeSet(ENGINE, f, f.toString(), cuts.stream().mapToLong(Long::longValue).toArray(),
                new AtomicLong(), counted).scan(pool);
        assertNotNull(split);
        split.stats().addBytes(counted.get());
        sameLines(expected, render(split), "split");
    }

    @Test
    void aRangeTheReaderWouldReadOtherwiseIsScannedAgainWhole() throws IOException {
        // A line of control characters: in the whole file one rejected record; at the start of a range, the head of
        // what the reader sees, which it takes for a binary file and rejects whole. The pass is given up.
        byte[] head = input.bytes;
        byte[] mid = ("\u0001".repeat(9000) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length * 2 + mid.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(mid, 0, all, head.length, mid.length);
        System.arraycopy(head, 0, all, head.length + mid.length, head.length);
        Path f = dir.resolve("odd.jsonl");
        Files.write(f, all);
        String expected = render(whole(f));

        AtomicLong shared = new AtomicLong();
        assertNull(new RangeSet(ENGINE, f, f.toString(), new long[] {0, head.length, all.length}, shared,
                new AtomicLong()).scan(pool), "the pass is given up");

        // The finder never cuts there; cut or not, the result is the whole file's.
        for (int parts : new int[] {2, 3}) {
            InputResult r = SplitScan.scan(ENGINE, f, f.toString(), parts, pool, new AtomicLong());
            assertNotNull(r);
            sameLines(expected, render(r), parts + " parts");
        }
    }

    @Test
    void neitherJsonLinesNorOneRecordsDocumentIsLeftToTheWholeScan() throws IOException {
        Path f = dir.resolve("array.json");
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            b.append(i == 0 ? "" : ",\n").append(SplitInput.FILLER);
        }
        Files.writeString(f, b.append("]\n"));
        assertNull(SplitScan.scan(ENGINE, f, f.toString(), 4, pool, new AtomicLong()));
    }

    @Test
    void partsGrowWithTheFileAndTheThreads() {
        assertEquals(1, SplitScan.parts(1L << 30, 1));
        assertEquals(1, SplitScan.parts(SplitScan.MIN_FILE_BYTES - 1, 8));
        assertEquals(4, SplitScan.parts(SplitScan.MIN_FILE_BYTES, 2));
        assertEquals(8, SplitScan.parts(1L << 30, 2));
    }
}
