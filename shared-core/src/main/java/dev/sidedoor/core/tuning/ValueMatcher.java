package dev.sidedoor.core.tuning;

import dev.sidedoor.core.match.Cidr;
import dev.sidedoor.core.match.Glob;
import dev.sidedoor.core.match.IpAddress;

/**
 * One value from the tuning file, compiled: a network (matches IP literals inside it) or a glob.
 *
 * <p>A value of the form {@code <address>/<prefix>} is a CIDR and must be a valid one; in address fields
 * ({@code source_ip}, trusted networks) every value containing {@code /} is a CIDR. A bare address literal without
 * wildcards is a one-address network, so {@code 2001:db8::1} also matches {@code 2001:DB8:0:0::1} and
 * {@code 10.0.0.1} matches {@code ::ffff:10.0.0.1}. Everything else is a case-insensitive {@link Glob}. A network
 * never matches a value that is not an address literal (for example a service name such as
 * {@code ssm.amazonaws.com}), and no value matches a field the finding does not have.
 */
final class ValueMatcher {

    private final String text;
    private final Glob glob;
    private final Cidr cidr;

    private ValueMatcher(String text, Glob glob, Cidr cidr) {
        this.text = text;
        this.glob = glob;
        this.cidr = cidr;
    }

    /** @throws IllegalArgumentException for an empty value or an invalid CIDR */
    static ValueMatcher compile(String raw, boolean addressField) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("empty value; write \"*\" to match any value");
        }
        int slash = raw.indexOf('/');
        if (slash >= 0) {
            if (addressField || IpAddress.parse(raw.substring(0, slash).strip()) != null) {
                return new ValueMatcher(raw, null, Cidr.parse(raw));
            }
        } else if (!Glob.hasWildcards(raw) && IpAddress.parse(raw.strip()) != null) {
            return new ValueMatcher(raw, null, Cidr.parse(raw));
        }
        return new ValueMatcher(raw, Glob.compile(raw), null);
    }

    static ValueMatcher glob(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("empty pattern; write \"*\" to match anything");
        }
        return new ValueMatcher(raw, Glob.compile(raw), null);
    }

    boolean matches(String value) {
        if (value == null) {
            return false;
        }
        return cidr != null ? cidr.containsLiteral(value) : glob.matches(value);
    }

    boolean matchesEverything() {
        return glob != null && glob.matchesEverything();
    }

    Cidr cidr() {
        return cidr;
    }

    @Override
    public String toString() {
        return text;
    }
}
