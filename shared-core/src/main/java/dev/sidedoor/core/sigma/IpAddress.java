package dev.sidedoor.core.sigma;

/**
 * An IPv4 or IPv6 address parsed from text without any name resolution ({@code InetAddress.getByName} would do a
 * DNS lookup for anything that is not a literal, which on attacker-supplied values is both slow and a leak).
 *
 * <p>IPv4 lives in the low 32 bits of {@code lo}. Anything that is not a plain literal (host names, "AWS
 * Internal", address:port, leading zeros) is rejected, so it simply does not match a CIDR.
 */
record IpAddress(boolean v6, long hi, long lo) {

    /** No IPv6 literal with a zone id is longer than this; the check keeps 1 MB values cheap to reject. */
    private static final int MAX_TEXT = 64;

    static IpAddress parse(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_TEXT) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            long v4 = parseV4(s);
            return v4 < 0 ? null : new IpAddress(false, 0, v4);
        }
        return parseV6(s);
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}), or -1. */
    long mappedV4() {
        if (!v6) {
            return lo;
        }
        return hi == 0 && (lo >>> 32) == 0xFFFFL ? lo & 0xFFFFFFFFL : -1;
    }

    /** Dotted quad, four decimal parts 0-255 without leading zeros; -1 if not one. */
    static long parseV4(String s) {
        long value = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int start = i;
            int part = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                part = part * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || part > 255 || (len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = value << 8 | part;
            parts++;
            if (i < n) {
                if (s.charAt(i) != '.' || parts == 4 || i == n - 1) {
                    return -1;
                }
                i++;
            }
        }
        return parts == 4 ? value : -1;
    }

    private static IpAddress parseV6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (zone == s.length() - 1) {
                return null;
            }
            s = s.substring(0, zone);
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head;
        int[] tail;
        if (gap >= 0) {
            head = groups(s.substring(0, gap), false);
            tail = groups(s.substring(gap + 2), true);
            if (head == null || tail == null || head.length + tail.length > 7) {
                return null;
            }
        } else {
            head = groups(s, true);
            tail = new int[0];
            if (head == null || head.length != 8) {
                return null;
            }
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | all[i];
            lo = lo << 16 | all[i + 4];
        }
        return new IpAddress(true, hi, lo);
    }

    /** Colon-separated 16-bit groups; the last may be a dotted IPv4 address (two groups). Null if malformed. */
    private static int[] groups(String part, boolean v4Allowed) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int[] out = new int[pieces.length + 1];
        int count = 0;
        for (int p = 0; p < pieces.length; p++) {
            String piece = pieces[p];
            if (piece.indexOf('.') >= 0) {
                if (!v4Allowed || p != pieces.length - 1) {
                    return null;
                }
                long v4 = parseV4(piece);
                if (v4 < 0) {
                    return null;
                }
                out[count++] = (int) (v4 >>> 16);
                out[count++] = (int) (v4 & 0xFFFF);
                continue;
            }
            if (piece.isEmpty() || piece.length() > 4) {
                return null;
            }
            int g = 0;
            for (int i = 0; i < piece.length(); i++) {
                int d = Character.digit(piece.charAt(i), 16);
                if (d < 0) {
                    return null;
                }
                g = g << 4 | d;
            }
            out[count++] = g;
        }
        if (count > 8) {
            return null;
        }
        int[] exact = new int[count];
        System.arraycopy(out, 0, exact, 0, count);
        return exact;
    }
}
