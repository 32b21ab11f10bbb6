package dev.sidedoor.core.tuning;

import dev.sidedoor.core.match.Cidr;
import dev.sidedoor.core.match.IpAddress;
import java.util.List;

/** One entry of {@code trusted_networks:}. Immutable. */
record TrustedNetwork(String name, List<Cidr> cidrs, int line) {

    TrustedNetwork {
        cidrs = List.copyOf(cidrs);
    }

    /** The address must already be parsed from a literal (see {@link IpAddress#parse}). */
    boolean contains(IpAddress address) {
        for (Cidr c : cidrs) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
