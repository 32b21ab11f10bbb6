package dev.sidedoor.core.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where to cut a JSON Lines file into ranges scanned side by side: just after a newline, where the next line starts
 * a range the reader reads line by line as well ({@code startsJsonLines}, given the bytes from there on). A raw
 * newline cannot occur inside a valid JSON string, so a cut never splits a valid record; a broken record that
 * spans a cut is read the same way in both ranges as in the whole file, because the reader restarts at every
 * newline in JSON Lines anyway.
 */
final class LineSplits {

    /** Ranges shorter than this are not worth a hand-over; it also keeps every range longer than a head. */
    static final long MIN_RANGE = 1 << 20;
    /** How far past its nominal place a cut is looked for before that cut is dropped (a long run of odd lines). */
    static final long MAX_SEARCH = 8 << 20;

    private LineSplits() {
    }

    /**
     * Range boundaries: {@code [0, c1, ..., size]}, at most {@code parts} ranges, fewer when no good cut is found
     * near a nominal place.
     *
     * @param headBytes how many bytes from a candidate cut {@code startsJsonLines} is shown (fewer at end of file)
     */
    static long[] find(FileChannel file, long size, int parts, int headBytes, Predicate<byte[]> startsJsonLines)
            throws IOException {
        byte[] block = new byte[1 << 16];
        return cuts(size, parts, nominal -> cutNear(file, size, nominal, block, headBytes, startsJsonLines));
    }

    /** Finds a cut at or after a nominal place, or -1 when there is none near it. */
    interface CutFinder {
        long near(long nominal) throws IOException;
    }

    /**
     * Boundaries {@code [0, c1, ..., size]} of at most {@code parts} ranges of at least {@link #MIN_RANGE}, each cut
     * the first that {@code finder} gives from its nominal place on; one split of a file and another share this.
     */
    static long[] cuts(long size, int parts, CutFinder finder) throws IOException {
        List<Long> cuts = new ArrayList<>();
        cuts.add(0L);
        for (int k = 1; k < parts; k++) {
            long nominal = Math.max(size / parts * k, cuts.get(cuts.size() - 1) + MIN_RANGE);
            long cut = finder.near(nominal);
            if (cut > 0 && size - cut >= MIN_RANGE) {
                cuts.add(cut);
            }
        }
        cuts.add(size);
        return cuts.stream().mapToLong(Long::longValue).toArray();
    }

    /** The first line start after {@code from} (exclusive of {@code from} itself) that passes; -1 when none near. */
    static long cutNear(FileChannel file, long size, long from, byte[] block, int headBytes,
            Predicate<byte[]> startsJsonLines) throws IOException {
        long pos = from;
        long limit = Math.min(size, from + MAX_SEARCH);
        while (pos < limit) {
            int n = read(file, pos, block, (int) Math.min(block.length, limit - pos));
            if (n <= 0) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                if (block[i] == '\n') {
                    long start = pos + i + 1;
                    if (start < size && startsJsonLines.test(head(file, start, size, headBytes))) {
                        return start;
                    }
                }
            }
            pos += n;
        }
        return -1;
    }

    /** Up to {@code headBytes} bytes of {@code file} from {@code start} (fewer at its end). */
    static byte[] head(FileChannel file, long start, long size, int headBytes) throws IOException {
        byte[] head = new byte[(int) Math.min(headBytes, size - start)];
        int got = 0;
        while (got < head.length) {
            int n = read(file, start + got, head, got, head.length - got);
            if (n <= 0) {
                return java.util.Arrays.copyOf(head, got);
            }
            got += n;
        }
        return head;
    }

    private static int read(FileChannel file, long at, byte[] dst, int len) throws IOException {
        return read(file, at, dst, 0, len);
    }

    private static int read(FileChannel file, long at, byte[] dst, int off, int len) throws IOException {
        return file.read(ByteBuffer.wrap(dst, off, len), at);
    }
}
