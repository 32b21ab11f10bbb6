package dev.sidedoor.core.sigma;

/** An IPv4 or IPv6 network from a Sigma {@code |cidr} value. */
record Cidr(boolean v6, long hi, long lo, long maskHi, long maskLo) {

    /**
     * Parses {@code address/prefix} or a bare address (a single host). Returns null with a reason in
     * {@code why[0]} when the text is not a network; host bits set count as an error, as in pySigma, because
     * {@code 10.1.2.3/8} almost always means a typo in either the address or the prefix.
     */
    static Cidr parse(String text, String[] why) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        IpAddress ip = IpAddress.parse(addr);
        if (ip == null) {
            why[0] = "'" + addr + "' is not an IPv4 or IPv6 address";
            return null;
        }
        int max = ip.v6() ? 128 : 32;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                why[0] = "prefix length '" + p + "' is not a number";
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                why[0] = "prefix length " + prefix + " is larger than " + max;
                return null;
            }
        }
        long maskHi;
        long maskLo;
        if (ip.v6()) {
            maskHi = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
            maskLo = prefix <= 64 ? 0 : -1L << (128 - prefix);
        } else {
            maskHi = 0;
            maskLo = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        }
        if ((ip.hi() & ~maskHi) != 0 || (ip.lo() & ~maskLo) != 0) {
            why[0] = "'" + s + "' has host bits set";
            return null;
        }
        return new Cidr(ip.v6(), ip.hi(), ip.lo(), maskHi, maskLo);
    }

    /** IPv4 networks also contain IPv4-mapped IPv6 forms of their addresses. */
    boolean contains(IpAddress ip) {
        if (!v6) {
            long v4 = ip.mappedV4();
            return v4 >= 0 && (v4 & maskLo) == lo;
        }
        return ip.v6() && (ip.hi() & maskHi) == hi && (ip.lo() & maskLo) == lo;
    }
}
