package dev.sidedoor.core.read;

/** Tells a binary file from text by its first bytes, so that a stray image or archive gets one clear error. */
final class BinarySniffer {

    private BinarySniffer() {
    }

    /** Returns why the bytes look binary, or null when they look like (possibly UTF-16) text. */
    static String describeIfBinary(byte[] head) {
        return describeIfBinary(head, head.length);
    }

    /** {@link #describeIfBinary(byte[])} of {@code head[0, len)}: the reader sniffs into a buffer it reuses. */
    static String describeIfBinary(byte[] head, int len) {
        if (len == 0) {
            return null;
        }
        if (looksUtf16(head, len)) {
            return null;
        }
        int control = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            // Text is nearly all printable: only a word that may hold a control byte is looked at byte by byte.
            if (mayHoldControl((long) LONGS.get(head, i))) {
                int inWord = countControl(head, i, i + 8);
                if (inWord < 0) {
                    return "contains NUL bytes (binary data)";
                }
                control += inWord;
            }
        }
        int rest = countControl(head, i, len);
        if (rest < 0) {
            return "contains NUL bytes (binary data)";
        }
        control += rest;
        if (control * 100 > len) {
            return "mostly control characters (binary data)";
        }
        int first = firstNonSpace(head, len);
        if (first >= 0 && (head[first] & 0xff) >= 0x80 && !startsWithUtf8Bom(head, len)) {
            return "starts with byte 0x" + Integer.toHexString(head[first] & 0xff) + ", not '{' or '['";
        }
        return null;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * True when a byte of {@code x} may be below 0x20 or 0x7F. May be true for a word without one (the subtraction
     * borrows); never false for a word with one.
     */
    static boolean mayHoldControl(long x) {
        long del = x ^ (ONES * 0x7f);
        return (((x - ONES * 0x20) | (del - ONES)) & ~x & HIGHS) != 0;
    }

    /** Control bytes (other than tab, line breaks, form feed) in {@code h[from, to)}, or -1 at a NUL. */
    private static int countControl(byte[] h, int from, int to) {
        int control = 0;
        for (int i = from; i < to; i++) {
            int c = h[i] & 0xff;
            if (c == 0) {
                return -1;
            }
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                control++;
            }
        }
        return control;
    }

    private static boolean looksUtf16(byte[] h, int len) {
        if (len >= 2 && ((h[0] == (byte) 0xFE && h[1] == (byte) 0xFF) || (h[0] == (byte) 0xFF && h[1] == (byte) 0xFE))) {
            return true;
        }
        return len >= 4 && ((h[0] == 0 && h[1] != 0 && h[2] == 0 && h[3] != 0)
                || (h[0] != 0 && h[1] == 0 && h[2] != 0 && h[3] == 0));
    }

    private static boolean startsWithUtf8Bom(byte[] h, int len) {
        return len >= 3 && h[0] == (byte) 0xEF && h[1] == (byte) 0xBB && h[2] == (byte) 0xBF;
    }

    private static int firstNonSpace(byte[] h, int len) {
        for (int i = 0; i < len; i++) {
            if (h[i] != ' ' && h[i] != '\n' && h[i] != '\r' && h[i] != '\t') {
                return i;
            }
        }
        return -1;
    }
}
