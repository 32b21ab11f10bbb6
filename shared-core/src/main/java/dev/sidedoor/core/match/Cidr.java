package dev.sidedoor.core.match;

import java.util.Objects;

/**
 * An IPv4 or IPv6 network: an {@link IpAddress} literal and a prefix length.
 *
 * <p>Parsing is strict, because a network that silently means something else is worse than an error: the address
 * must be a strict literal (no zone id, no DNS), the prefix 0-32 or 0-128 in decimal without leading zeros, and the
 * address must not have bits set beyond the prefix ({@code 10.1.0.0/8} almost always is a typo in the address or
 * the prefix; the error suggests the network the prefix would give). A bare address is a one-address network
 * (/32 or /128).
 *
 * <p>IPv4-mapped IPv6 addresses count as the IPv4 address they carry (see {@link IpAddress}): an IPv4 network
 * contains both {@code 10.0.0.1} and {@code ::ffff:10.0.0.1}, and a network written in mapped form with a prefix
 * of 96 or more ({@code ::ffff:10.0.0.0/104}) is the IPv4 network {@code 10.0.0.0/8}. An IPv6 network never
 * contains an IPv4 address. Immutable and thread-safe.
 */
public final class Cidr {

    private final boolean v4;
    private final long netHi;
    private final long netLo;
    private final long maskHi;
    private final long maskLo;
    private final int prefix;
    private final String text;

    private Cidr(boolean v4, long netHi, long netLo, int prefix, String text) {
        this.v4 = v4;
        this.prefix = prefix;
        this.text = text;
        if (v4) {
            this.maskHi = 0;
            this.maskLo = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        } else {
            this.maskHi = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
            this.maskLo = prefix <= 64 ? 0 : -1L << (128 - prefix);
        }
        this.netHi = netHi & maskHi;
        this.netLo = netLo & maskLo;
    }

    /**
     * Parses {@code address/prefix} or a bare address, ignoring surrounding whitespace.
     *
     * @throws IllegalArgumentException with a message a person can act on, always of the form
     *     {@code invalid CIDR '<text>': <reason>}, for example {@code invalid CIDR '10.1.0.0/8': the address has bits
     *     set beyond the prefix (did you mean 10.0.0.0/8?)}
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int slash = t.indexOf('/');
        String addrText = slash < 0 ? t : t.substring(0, slash);
        IpAddress written = IpAddress.parseWritten(addrText, false);
        if (written == null) {
            throw invalid(text, "'" + addrText + "' is not an IPv4 or IPv6 address");
        }
        int max = written.isIpv4() ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            prefix = parsePrefix(t.substring(slash + 1));
            if (prefix < 0 || prefix > max) {
                throw invalid(text, "prefix length must be 0-" + max);
            }
        }
        if (written.isMapped() && prefix >= 96) {
            IpAddress v4 = written.unmapped();
            return checked(text, new Cidr(true, 0, v4.lo(), prefix - 96, t), v4);
        }
        return checked(text, new Cidr(written.isIpv4(), written.hi(), written.lo(), prefix, t), written);
    }

    /** True when the address is inside this network; null is never inside. */
    public boolean contains(IpAddress address) {
        return address != null && address.isIpv4() == v4
                && (address.hi() & maskHi) == netHi && (address.lo() & maskLo) == netLo;
    }

    /** True when the text is a strict IP address literal ({@link IpAddress#parse}) inside this network. */
    public boolean containsLiteral(String text) {
        return contains(IpAddress.parse(text));
    }

    /** The prefix length; for a network written in IPv4-mapped form, the IPv4 prefix (0-32). */
    public int prefix() {
        return prefix;
    }

    /** True for an IPv4 network (also when written in IPv4-mapped IPv6 form). */
    public boolean isIpv4() {
        return v4;
    }

    /** The network as written (without surrounding whitespace). */
    @Override
    public String toString() {
        return text;
    }

    private static Cidr checked(String text, Cidr network, IpAddress address) {
        if (network.netHi != address.hi() || network.netLo != address.lo()) {
            String suggestion = IpAddress.of(network.v4, network.netHi, network.netLo) + "/" + network.prefix;
            throw invalid(text, "the address has bits set beyond the prefix (did you mean " + suggestion + "?)");
        }
        return network;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid CIDR '" + text + "': " + reason);
    }

    /** Decimal digits without a leading zero (except "0" itself), at most three; -1 otherwise. */
    private static int parsePrefix(String p) {
        if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
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
        return v;
    }
}
