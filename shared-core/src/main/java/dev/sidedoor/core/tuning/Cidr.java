package dev.sidedoor.core.tuning;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network (address and prefix length), and a parser for address literals that never touches DNS.
 *
 * <p>Literals only: IPv4 dotted quads (four decimal parts 0-255, no leading zeros, which some parsers read as octal)
 * and IPv6 in RFC 4291 text form ({@code ::} compression, optional trailing dotted quad). Zone ids ({@code %eth0}),
 * brackets, ports and host names are not addresses. IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) are
 * treated as the IPv4 address they carry. Anything that fails to parse simply is not an address, which is the
 * safe direction for tuning: it is never inside a trusted network and never matches a CIDR suppression.
 * Immutable and thread-safe.
 */
final class Cidr {

    /** Longest IPv6 text form (with an embedded dotted quad). Anything longer is rejected before parsing. */
    private static final int MAX_LITERAL = 45;

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix} or a bare address (a host network, /32 or /128).
     *
     * @throws IllegalArgumentException with a reason a reviewer can act on
     */
    static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addrText = slash < 0 ? t : t.substring(0, slash);
        byte[] addr = parseAddress(addrText);
        if (addr == null) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': '" + addrText + "' is not an IPv4 or IPv6 address");
        }
        int max = addr.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            int parsed = parsePrefix(p);
            int mappedOffset = (addr.length == 4 && isMappedText(addrText)) ? 96 : 0;
            if (parsed < 0 || parsed - mappedOffset < 0 || parsed - mappedOffset > max) {
                throw new IllegalArgumentException("invalid CIDR '" + text + "': prefix length must be 0-" + (max + mappedOffset));
            }
            prefix = parsed - mappedOffset;
        }
        byte[] masked = mask(addr, prefix);
        if (!Arrays.equals(masked, addr)) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': the address has bits set beyond the prefix"
                    + " (did you mean " + format(masked) + "/" + prefix + "?)");
        }
        return new Cidr(masked, prefix, t);
    }

    boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefix), network);
    }

    /** True when the text is an IP address literal inside this network. */
    boolean containsLiteral(String text) {
        return contains(parseAddress(text));
    }

    int prefix() {
        return prefix;
    }

    boolean ipv4() {
        return network.length == 4;
    }

    @Override
    public String toString() {
        return text;
    }

    /** 4 bytes (IPv4, including IPv4-mapped IPv6) or 16 bytes (IPv6), or null when the text is not a literal. */
    static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LITERAL) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return parseIpv4(text, 0, text.length());
        }
        byte[] v6 = parseIpv6(text);
        if (v6 == null) {
            return null;
        }
        if (isMapped(v6)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        return v6;
    }

    private static boolean isMapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }

    private static boolean isMappedText(String addrText) {
        return addrText.indexOf(':') >= 0;
    }

    private static int parsePrefix(String p) {
        if (p.isEmpty() || p.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        if (p.length() > 1 && p.charAt(0) == '0') {
            return -1;
        }
        return v;
    }

    private static byte[] parseIpv4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return null;
                }
            }
            int digits = i - start;
            if (digits == 0 || v > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) v;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static byte[] parseIpv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (dbl < 0) {
            headCount = groups(s, 0, s.length(), head, true);
            if (headCount != 8) {
                return null;
            }
        } else {
            headCount = dbl == 0 ? 0 : groups(s, 0, dbl, head, false);
            if (dbl + 2 < s.length()) {
                tailCount = groups(s, dbl + 2, s.length(), tail, true);
            }
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return null;
            }
        }
        byte[] out = new byte[16];
        for (int g = 0; g < headCount; g++) {
            out[2 * g] = (byte) (head[g] >>> 8);
            out[2 * g + 1] = (byte) head[g];
        }
        for (int g = 0; g < tailCount; g++) {
            int at = 8 - tailCount + g;
            out[2 * at] = (byte) (tail[g] >>> 8);
            out[2 * at + 1] = (byte) tail[g];
        }
        return out;
    }

    /** Parses colon-separated hex groups in s[from, to); a final dotted quad counts as two groups. -1 if invalid. */
    private static int groups(String s, int from, int to, int[] out, boolean allowDottedQuad) {
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
            if (last && allowDottedQuad && s.indexOf('.', start) >= 0 && s.indexOf('.', start) < to) {
                byte[] v4 = parseIpv4(s, start, to);
                if (v4 == null || count + 2 > 8) {
                    return -1;
                }
                out[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                return count;
            }
            if (i - start > 4 || count >= 8) {
                return -1;
            }
            int v = 0;
            for (int k = start; k < i; k++) {
                int d = Character.digit(s.charAt(k), 16);
                if (d < 0 || s.charAt(k) > 'f') {
                    return -1;
                }
                v = (v << 4) | d;
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

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = new byte[addr.length];
        for (int i = 0; i < addr.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - 8 * i));
            int m = bits == 0 ? 0 : (0xff << (8 - bits)) & 0xff;
            out[i] = (byte) (addr[i] & m);
        }
        return out;
    }

    private static String format(byte[] addr) {
        StringBuilder sb = new StringBuilder();
        if (addr.length == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(addr[i] & 0xff);
            }
            return sb.toString();
        }
        for (int g = 0; g < 8; g++) {
            if (g > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((addr[2 * g] & 0xff) << 8) | (addr[2 * g + 1] & 0xff)));
        }
        return sb.toString();
    }
}
