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
        for (int i = 0; i < len; i++) {
            int c = head[i] & 0xff;
            if (c == 0) {
                return "contains NUL bytes (binary data)";
            }
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                control++;
            }
        }
        if (control * 100 > len) {
            return "mostly control characters (binary data)";
        }
        int first = firstNonSpace(head, len);
        if (first >= 0 && (head[first] & 0xff) >= 0x80 && !startsWithUtf8Bom(head, len)) {
            return "starts with byte 0x" + Integer.toHexString(head[first] & 0xff) + ", not '{' or '['";
        }
        return null;
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
