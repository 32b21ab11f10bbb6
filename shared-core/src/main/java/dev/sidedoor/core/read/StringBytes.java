package dev.sidedoor.core.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds where a JSON string's plain run ends (a quote, a backslash or a control character), or where a line ends,
 * eight bytes at a time with long arithmetic: Java 17 has no vector API outside the incubator, and a word-wide test
 * already removes most of the byte loop's unpredictable branches.
 */
final class StringBytes {

    /** Little-endian, so byte k of a word is bits 8k to 8k+7 and the first match is the lowest set bit. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    private StringBytes() {
    }

    /**
     * The index of the first byte in {@code b[i, end)} that is {@code "}, {@code \} or below 0x20 (unsigned), or
     * {@code end} when there is none.
     */
    static int firstSpecial(byte[] b, int i, int end) {
        while (i + 8 <= end) {
            long x = (long) LONGS.get(b, i);
            long m = special(x);
            if (m != 0) {
                return i + firstMarked(m);
            }
            i += 8;
        }
        while (i < end) {
            byte c = b[i];
            if (c == '"' || c == '\\' || (c & 0xE0) == 0) {
                return i;
            }
            i++;
        }
        return end;
    }

    /**
     * The index (0 to 7) of the lowest byte marked 0x80 in {@code m}, which is not 0. The same as
     * {@code Long.numberOfTrailingZeros(m) >>> 3}, which C1 (the only JIT of a CLI scan under 5 GB) runs as a chain
     * of branches rather than one instruction: the lowest mark moved down to bit 8k, times this constant,
     * leaves k in the top byte.
     */
    static int firstMarked(long m) {
        return (int) ((((m & -m) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    private static final long NEWLINES = ONES * '\n';

    /** The index of the first line feed in {@code b[i, end)}, or -1: JSON Lines splits every line on it. */
    static int firstNewline(byte[] b, int i, int end) {
        while (i + 8 <= end) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            // Zero bytes of x: the lowest mark is exact, as in special().
            long m = (x - ONES) & ~x & HIGHS;
            if (m != 0) {
                return i + firstMarked(m);
            }
            i += 8;
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * 0x80 in the bytes of {@code x} that are a quote, a backslash or below 0x20. A byte can also be marked when a
     * lower byte matched (the subtraction borrows across bytes), so only the lowest mark is exact: that is all
     * {@link #firstSpecial} reads. Bytes 0x80 to 0xFF are never marked ({@code ~x} clears their high bit).
     */
    static long special(long x) {
        long q = x ^ QUOTES;
        long s = x ^ BACKSLASHES;
        return ((q - ONES) | (s - ONES) | (x - SPACES)) & ~x & HIGHS;
    }
}
