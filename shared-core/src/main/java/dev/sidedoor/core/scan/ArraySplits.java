package dev.sidedoor.core.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where to cut one {@code {"Records":[...]}} document (a CloudTrail S3 object) into ranges scanned side by side:
 * just before the opening brace of what looks like the next element: {@code }}, a comma, {@code {} and the name the
 * file's first element starts with ({@code "eventVersion"} in CloudTrail), with any whitespace between. The name
 * keeps cuts away from arrays of objects nested in the records ({@code resources}); a string can still end in those
 * bytes, so a cut is only a guess: {@link RangeFormat#RECORDS} proves it while the ranges are read, and a wrong
 * guess costs a second pass, never a different result.
 */
final class ArraySplits {

    /** How far past its nominal place a cut is looked for before that cut is dropped. */
    static final long MAX_SEARCH = 8 << 20;
    private static final int EDGE = 256;

    private ArraySplits() {
    }

    /**
     * Range boundaries {@code [0, c1, ..., size]}, at most {@code parts} ranges; null when the file is not one
     * records document from its first byte to its last (it is then scanned whole).
     */
    static long[] find(FileChannel file, long size, int parts) throws IOException {
        byte[] head = LineSplits.head(file, 0, size, EDGE);
        if (size < 2 * LineSplits.MIN_RANGE || !opensRecords(head)
                || !closesRecords(LineSplits.head(file, Math.max(0, size - EDGE), size, EDGE))) {
            return null;
        }
        byte[] firstName = firstName(head);
        if (firstName == null) {
            return null;
        }
        byte[] block = new byte[1 << 16];
        return LineSplits.cuts(size, parts, nominal -> cutNear(file, size, nominal, block, firstName));
    }

    /** {@code {"Records":[}, with whitespace allowed between the tokens (a pretty-printed file). */
    static boolean opensRecords(byte[] head) {
        return arrayStart(head) >= 0;
    }

    /**
     * The first element's first name with its quotes ({@code "eventVersion"}), when it is plain ASCII without
     * escapes; else null.
     */
    static byte[] firstName(byte[] head) {
        int i = ws(head, arrayStart(head) + 1);
        if (i >= head.length || head[i] != '{') {
            return null;
        }
        i = ws(head, i + 1);
        if (i >= head.length || head[i] != '"') {
            return null;
        }
        for (int j = i + 1; j < head.length && j - i < 64; j++) {
            byte c = head[j];
            if (c == '"') {
                return j == i + 1 ? null : java.util.Arrays.copyOfRange(head, i, j + 1);
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
        }
        return null;
    }

    /** The index of the records array's '[', or -1. */
    private static int arrayStart(byte[] head) {
        int i = ws(head, 0);
        if (i >= head.length || head[i] != '{') {
            return -1;
        }
        i = ws(head, i + 1);
        byte[] key = "\"Records\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (head.length - i < key.length || !java.util.Arrays.equals(head, i, i + key.length, key, 0, key.length)) {
            return -1;
        }
        i = ws(head, i + key.length);
        if (i >= head.length || head[i] != ':') {
            return -1;
        }
        i = ws(head, i + 1);
        return i < head.length && head[i] == '[' ? i : -1;
    }

    /** Ends with {@code ]}} and whitespace: nothing follows the array that a range would have to carry. */
    static boolean closesRecords(byte[] tail) {
        int i = tail.length - 1;
        while (i >= 0 && isWs(tail[i])) {
            i--;
        }
        if (i < 0 || tail[i] != '}') {
            return false;
        }
        i--;
        while (i >= 0 && isWs(tail[i])) {
            i--;
        }
        return i >= 0 && tail[i] == ']';
    }

    /**
     * The position of the first {@code {} at or after {@code from} that follows {@code }} and a comma and is
     * followed by {@code "}; -1 when none is near.
     */
    static long cutNear(FileChannel file, long size, long from, byte[] block, byte[] name) throws IOException {
        long limit = Math.min(size, from + MAX_SEARCH);
        // Overlapping reads, so that a pattern across two blocks is seen whole in one.
        int overlap = EDGE;
        long pos = from;
        while (pos < limit) {
            int n = file.read(ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - pos)), pos);
            if (n <= 0) {
                return -1;
            }
            int at = elementStart(block, n, name);
            if (at >= 0) {
                return pos + at;
            }
            if (pos + n >= size) {
                return -1;
            }
            pos += Math.max(1, n - overlap);
        }
        return -1;
    }

    /**
     * The index of a {@code {} in {@code b[0, n)} preceded by {@code } ,} and followed by {@code name} (with its
     * quotes), or -1.
     */
    static int elementStart(byte[] b, int n, byte[] name) {
        for (int i = 1; i < n; i++) {
            if (b[i] != '{') {
                continue;
            }
            int after = ws(b, i + 1, n);
            if (n - after < name.length || !java.util.Arrays.equals(b, after, after + name.length, name, 0,
                    name.length)) {
                continue;
            }
            int before = back(b, i - 1);
            if (before < 0 || b[before] != ',') {
                continue;
            }
            before = back(b, before - 1);
            if (before >= 0 && b[before] == '}') {
                return i;
            }
        }
        return -1;
    }

    private static int back(byte[] b, int i) {
        while (i >= 0 && isWs(b[i])) {
            i--;
        }
        return i;
    }

    private static int ws(byte[] b, int i) {
        return ws(b, i, b.length);
    }

    private static int ws(byte[] b, int i, int n) {
        while (i < n && isWs(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWs(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
