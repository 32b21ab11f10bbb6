package dev.sidedoor.core.match;

/**
 * An IPv4 or IPv6 address parsed from a literal, never by name resolution ({@code InetAddress.getByName} would do a
 * DNS lookup for anything that is not a literal, which on attacker-supplied values is both slow and a leak).
 *
 * <p>Literals only: IPv4 dotted quads (four decimal parts 0-255, no leading zeros, which some parsers read as
 * octal) and IPv6 in RFC 4291 text form ({@code ::} compression, optional trailing dotted quad, ASCII hex digits
 * only). Brackets, ports, host names, surrounding whitespace and anything else are not addresses: {@link #parse}
 * returns null, which callers treat as "not inside any network". IPv6 zone ids ({@code fe80::1%eth0}) are rejected
 * by {@link #parse} and dropped by {@link #parseIgnoringZone}.
 *
 * <p>An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) <em>is</em> the IPv4 address it carries, as in
 * {@code java.net.InetAddress}: it {@link #isIpv4 is IPv4}, its {@link #bytes} are four, and it is equal to the
 * dotted-quad form. Immutable and thread-safe.
 */
public final class IpAddress {

    /** Longest IPv6 text form (with an embedded dotted quad). Anything longer is rejected before parsing. */
    private static final int MAX_LITERAL = 45;
    /** Bound for a literal with a zone id; keeps megabyte values cheap to reject. */
    private static final int MAX_WITH_ZONE = 64;

    private final boolean v4;
    /** The high 64 bits of an IPv6 address; 0 for IPv4. */
    private final long hi;
    /** The low 64 bits of an IPv6 address; an IPv4 address in the low 32 bits. */
    private final long lo;

    private IpAddress(boolean v4, long hi, long lo) {
        this.v4 = v4;
        this.hi = hi;
        this.lo = lo;
    }

    /** The address a strict literal stands for, or null when the text is not one (including a zone id). */
    public static IpAddress parse(String text) {
        IpAddress ip = parseWritten(text, false);
        return ip == null ? null : ip.unmapped();
    }

    /** Like {@link #parse}, but an IPv6 literal may end in a non-empty zone id ({@code %eth0}), which is dropped. */
    public static IpAddress parseIgnoringZone(String text) {
        IpAddress ip = parseWritten(text, true);
        return ip == null ? null : ip.unmapped();
    }

    /** True for an IPv4 address, also when written as an IPv4-mapped IPv6 address. */
    public boolean isIpv4() {
        return v4;
    }

    /** The address in network byte order: 4 bytes for IPv4, 16 for IPv6. A fresh copy. */
    public byte[] bytes() {
        int n = v4 ? 4 : 16;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int fromEnd = n - 1 - i;
            long word = fromEnd >= 8 ? hi : lo;
            out[i] = (byte) (word >>> (8 * (fromEnd & 7)));
        }
        return out;
    }

    /** Dotted quad for IPv4; eight uncompressed lower-case hex groups for IPv6 (e.g. {@code 2001:db8:0:0:0:0:0:1}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (v4) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                sb.append((lo >>> shift) & 0xFF);
                if (shift > 0) {
                    sb.append('.');
                }
            }
            return sb.toString();
        }
        for (int g = 0; g < 8; g++) {
            long word = g < 4 ? hi : lo;
            if (g > 0) {
                sb.append(':');
            }
            sb.append(Long.toHexString((word >>> (16 * (3 - (g & 3)))) & 0xFFFF));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && v4 == other.v4 && hi == other.hi && lo == other.lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi) * 31 + Long.hashCode(lo) + (v4 ? 1 : 0);
    }

    // ---- package-private view for Cidr --------------------------------------------------------------------------

    long hi() {
        return hi;
    }

    long lo() {
        return lo;
    }

    /** The address as written: an IPv4-mapped IPv6 literal stays IPv6 (Cidr needs it to check its prefix). */
    static IpAddress parseWritten(String text, boolean allowZone) {
        if (text == null || text.isEmpty() || text.length() > (allowZone ? MAX_WITH_ZONE : MAX_LITERAL)) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long v4 = parseV4(text, 0, text.length());
            return v4 < 0 ? null : new IpAddress(true, 0, v4);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            if (!allowZone || zone == text.length() - 1) {
                return null;
            }
            text = text.substring(0, zone);
            if (text.length() > MAX_LITERAL) {
                return null;
            }
        }
        return parseV6(text);
    }

    /** True for an IPv4-mapped IPv6 address ({@code ::ffff:0:0/96}). */
    boolean isMapped() {
        return !v4 && hi == 0 && (lo >>> 32) == 0xFFFFL;
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address; this address otherwise. */
    IpAddress unmapped() {
        return isMapped() ? new IpAddress(true, 0, lo & 0xFFFFFFFFL) : this;
    }

    static IpAddress of(boolean v4, long hi, long lo) {
        return new IpAddress(v4, hi, lo);
    }

    // ---- parsing ------------------------------------------------------------------------------------------------

    /** Dotted quad in s[from, to), four decimal parts 0-255 without leading zeros; -1 if not one. */
    private static long parseV4(String s, int from, int to) {
        long value = 0;
        int i = from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= to || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
            int start = i;
            int v = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || v > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = value << 8 | v;
        }
        return i == to ? value : -1;
    }

    private static IpAddress parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (gap < 0) {
            headCount = groups(s, 0, s.length(), head, true);
            if (headCount != 8) {
                return null;
            }
        } else {
            headCount = gap == 0 ? 0 : groups(s, 0, gap, head, false);
            if (gap + 2 < s.length()) {
                tailCount = groups(s, gap + 2, s.length(), tail, true);
            }
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return null;
            }
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, headCount);
        System.arraycopy(tail, 0, all, 8 - tailCount, tailCount);
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = hi << 16 | all[g];
            lo = lo << 16 | all[g + 4];
        }
        return new IpAddress(false, hi, lo);
    }

    /**
     * Colon-separated groups of 1-4 ASCII hex digits in s[from, to) into {@code out}; with {@code dottedQuad} the
     * last may be an IPv4 dotted quad (two groups). The group count, or -1 if malformed.
     */
    private static int groups(String s, int from, int to, int[] out, boolean dottedQuad) {
        int count = 0;
        int i = from;
        while (true) {
            int start = i;
            while (i < to && s.charAt(i) != ':') {
                i++;
            }
            if (i == start) {
                return -1;
            }
            boolean last = i == to;
            if (last && dottedQuad && s.indexOf('.', start) >= 0 && s.indexOf('.', start) < to) {
                long v4 = parseV4(s, start, to);
                if (v4 < 0 || count + 2 > 8) {
                    return -1;
                }
                out[count++] = (int) (v4 >>> 16);
                out[count++] = (int) (v4 & 0xFFFF);
                return count;
            }
            if (i - start > 4 || count >= 8) {
                return -1;
            }
            int v = 0;
            for (int k = start; k < i; k++) {
                int d = hexDigit(s.charAt(k));
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            out[count++] = v;
            if (last) {
                return count;
            }
            i++;
            if (i == to) {
                return -1;
            }
        }
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
