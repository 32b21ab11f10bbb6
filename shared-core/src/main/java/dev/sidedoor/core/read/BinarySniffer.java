package dev.sidedoor.core.read;

/** Tells a binary file from text by its first bytes, so that a stray image or archive gets one clear error. */
final class BinarySniffer {

    private BinarySniffer() {
    }

    /** Returns why the bytes look binary, or null when they look like (possibly UTF-16) text. */
    static String describeIfBinary(byte[] head) {
        if (head.length == 0) {
            return null;
        }
        if (looksUtf16(head)) {
            return null;
        }
        int control = 0;
        for (byte b : head) {
            int c = b & 0xff;
            if (c == 0) {
                return "contains NUL bytes (binary data)";
            }
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                control++;
            }
        }
        if (control * 100 > head.length) {
            return "mostly control characters (binary data)";
        }
        int first = firstNonSpace(head);
        if (first >= 0 && (head[first] & 0xff) >= 0x80 && !startsWithUtf8Bom(head)) {
            return "starts with byte 0x" + Integer.toHexString(head[first] & 0xff) + ", not '{' or '['";
        }
        return null;
    }

    private static boolean looksUtf16(byte[] h) {
        if (h.length >= 2 && ((h[0] == (byte) 0xFE && h[1] == (byte) 0xFF) || (h[0] == (byte) 0xFF && h[1] == (byte) 0xFE))) {
            return true;
        }
        return h.length >= 4 && ((h[0] == 0 && h[1] != 0 && h[2] == 0 && h[3] != 0)
                || (h[0] != 0 && h[1] == 0 && h[2] != 0 && h[3] == 0));
    }

    private static boolean startsWithUtf8Bom(byte[] h) {
        return h.length >= 3 && h[0] == (byte) 0xEF && h[1] == (byte) 0xBB && h[2] == (byte) 0xBF;
    }

    private static int firstNonSpace(byte[] h) {
        for (int i = 0; i < h.length; i++) {
            if (h[i] != ' ' && h[i] != '\n' && h[i] != '\r' && h[i] != '\t') {
                return i;
            }
        }
        return -1;
    }
}
