package dev.sidedoor.core.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a file is cut: just after a newline, at a line that passes the probe, ranges never tiny. */
class LineSplitsTest {

    @TempDir
    Path dir;

    /** Passes a head that starts with '{'. */
    private static final Predicate<byte[]> BRACE = h -> h.length > 0 && h[0] == '{';

    private long[] cuts(byte[] bytes, int parts, Predicate<byte[]> probe) throws IOException {
        Path f = dir.resolve("f.jsonl");
        Files.write(f, bytes);
        try (FileChannel ch = FileChannel.open(f)) {
            return LineSplits.find(ch, bytes.length, parts, 100, probe);
        }
    }

    /** {@code n} lines of about {@code width} bytes, each made by {@code line}. */
    private static byte[] lines(int n, int width, java.util.function.IntFunction<String> line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String s = line.apply(i);
            b.append(s).append(" ".repeat(Math.max(0, width - s.length() - 1))).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void cutsFallJustAfterANewlineAndCoverTheFile() throws IOException {
        byte[] bytes = lines(60_000, 100, i -> "{\"n\":" + i + "}");
        long[] cuts = cuts(bytes, 4, BRACE);
        assertEquals(5, cuts.length);
        assertEquals(0, cuts[0]);
        assertEquals(bytes.length, cuts[4]);
        for (int k = 1; k < 4; k++) {
            assertEquals('\n', bytes[(int) cuts[k] - 1]);
            assertTrue(cuts[k] > cuts[k - 1]);
            assertTrue(cuts[k] >= bytes.length / 4 * k, "at or after the nominal place");
            assertTrue(cuts[k] - bytes.length / 4 * k <= 100, "at the first line start after it");
        }
    }

    @Test
    void aLineTheProbeRefusesIsPassedForTheNextOne() throws IOException {
        // Only every tenth line may start a range.
        byte[] bytes = lines(60_000, 100, i -> i % 10 == 0 ? "{\"n\":" + i + "}" : "x" + i);
        long[] cuts = cuts(bytes, 3, BRACE);
        assertEquals(4, cuts.length);
        for (int k = 1; k < 3; k++) {
            assertEquals('{', bytes[(int) cuts[k]]);
            assertEquals('\n', bytes[(int) cuts[k] - 1]);
        }
    }

    @Test
    void noGoodLineNearACutDropsThatCut() throws IOException {
        byte[] bytes = lines(60_000, 100, i -> i == 0 ? "{\"n\":0}" : "x" + i);
        assertArrayEquals(new long[] {0, bytes.length}, cuts(bytes, 4, BRACE));
    }

    @Test
    void rangesAreNeverShorterThanTheMinimum() throws IOException {
        byte[] bytes = lines(30_000, 100, i -> "{\"n\":" + i + "}"); // 3 MB
        long[] cuts = cuts(bytes, 16, BRACE);
        assertTrue(cuts.length <= 4, "3 MB gives at most three ranges of 1 MB");
        for (int k = 1; k < cuts.length; k++) {
            assertTrue(cuts[k] - cuts[k - 1] >= LineSplits.MIN_RANGE, "range " + k);
        }
    }

    @Test
    void theProbeIsShownTheBytesFromTheCutOn() throws IOException {
        byte[] bytes = lines(60_000, 100, i -> "{\"n\":" + i + "}");
        StringBuilder seen = new StringBuilder();
        cuts(bytes, 2, h -> {
            seen.append(new String(h, StandardCharsets.US_ASCII), 0, 8);
            return true;
        });
        assertTrue(seen.toString().startsWith("{\"n\":"), seen.toString());
    }
}
