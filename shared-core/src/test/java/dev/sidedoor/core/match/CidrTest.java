package dev.sidedoor.core.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The network half of the tuning file's CidrTest, plus the cases where the two former copies disagreed. */
class CidrTest {

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text), text).getMessage();
    }

    // ---- from the tuning file -----------------------------------------------------------------------------------

    @Test
    void mappedIpv6IsIpv4() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, IpAddress.parse("::ffff:192.0.2.1").bytes());
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, IpAddress.parse("::FFFF:c000:201").bytes());
        assertTrue(Cidr.parse("::ffff:192.0.2.0/120").containsLiteral("192.0.2.77"));
    }

    @Test
    void containment() {
        Cidr v4 = Cidr.parse("198.51.100.0/25");
        assertTrue(v4.containsLiteral("198.51.100.0"));
        assertTrue(v4.containsLiteral("198.51.100.127"));
        assertFalse(v4.containsLiteral("198.51.100.128"));
        assertFalse(v4.containsLiteral("2001:db8::1"));
        assertFalse(v4.containsLiteral("ssm.amazonaws.com"));
        Cidr all = Cidr.parse("0.0.0.0/0");
        assertTrue(all.containsLiteral("8.8.8.8"));
        assertFalse(all.containsLiteral("::1"), "an IPv4 network never holds IPv6 addresses");
        Cidr v6 = Cidr.parse("2001:db8:1234::/46");
        assertTrue(v6.containsLiteral("2001:db8:1237:ffff::1"));
        assertFalse(v6.containsLiteral("2001:db8:1238::1"));
        Cidr host = Cidr.parse("192.0.2.10");
        assertEquals(32, host.prefix());
        assertTrue(host.containsLiteral("192.0.2.10"));
        assertFalse(host.containsLiteral("192.0.2.11"));
    }

    @Test
    void invalidNetworksExplainThemselves() {
        assertEquals("invalid CIDR '10.1.0.0/8': the address has bits set beyond the prefix (did you mean 10.0.0.0/8?)",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.1.0.0/8")).getMessage());
        assertEquals("invalid CIDR '2001:db8::1/32': the address has bits set beyond the prefix (did you mean "
                        + "2001:db8:0:0:0:0:0:0/32?)",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("2001:db8::1/32")).getMessage());
        for (String bad : new String[] {"10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/8/8", "/8",
                "10.0.0.0/1000"}) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
        assertNotNull(Cidr.parse("::/0"));
    }

    // ---- the merged surface ---------------------------------------------------------------------------------------

    @Test
    void messagesNameTheTextAndTheReason() {
        assertEquals("invalid CIDR '10.0.0.0/33': prefix length must be 0-32", error("10.0.0.0/33"));
        assertEquals("invalid CIDR '2001:db8::/129': prefix length must be 0-128", error("2001:db8::/129"));
        assertEquals("invalid CIDR '::ffff:10.0.0.0/129': prefix length must be 0-128", error("::ffff:10.0.0.0/129"));
        assertEquals("invalid CIDR 'intranet': 'intranet' is not an IPv4 or IPv6 address", error("intranet"));
        assertEquals("invalid CIDR 'vpn.example.com/24': 'vpn.example.com' is not an IPv4 or IPv6 address",
                error("vpn.example.com/24"));
        assertEquals("invalid CIDR '10.1.2.3/8': the address has bits set beyond the prefix (did you mean 10.0.0.0/8?)",
                error("10.1.2.3/8"));
        // A mapped network below /96 would cut into the ffff marker: not an IPv4 network, and never a clean one.
        assertEquals("invalid CIDR '::ffff:10.0.0.0/90': the address has bits set beyond the prefix (did you mean "
                + "0:0:0:0:0:ffc0:0:0/90?)", error("::ffff:10.0.0.0/90"));
        assertEquals("invalid CIDR '::ffff:10.1.0.0/104': the address has bits set beyond the prefix (did you mean "
                + "10.0.0.0/8?)", error("::ffff:10.1.0.0/104"));
    }

    @Test
    void networksAreStrictLiterals() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("fe80::%eth0/64"), "no zone id in a network");
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("010.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/ 8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("[::1]/128"));
        Cidr spaced = Cidr.parse("  10.0.0.0/8 ");
        assertEquals("10.0.0.0/8", spaced.toString());
        assertTrue(spaced.containsLiteral("10.2.3.4"));
        assertFalse(spaced.containsLiteral(" 10.2.3.4"), "values are not trimmed by containsLiteral");
        assertFalse(spaced.containsLiteral(null));
        assertFalse(spaced.contains(null));
    }

    @Test
    void mappedAddressesAndNetworksAreIpv4() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.containsLiteral("::ffff:10.0.0.1"));
        assertTrue(ten.contains(IpAddress.parseIgnoringZone("::ffff:10.0.0.1%eth0")));
        Cidr mapped = Cidr.parse("::ffff:10.0.0.0/104");
        assertTrue(mapped.isIpv4());
        assertEquals(8, mapped.prefix());
        assertEquals("::ffff:10.0.0.0/104", mapped.toString());
        assertTrue(mapped.containsLiteral("10.1.2.3"));
        assertTrue(mapped.containsLiteral("::ffff:10.1.2.3"));
        assertFalse(mapped.containsLiteral("11.0.0.1"));
        Cidr mappedHost = Cidr.parse("::ffff:192.0.2.10");
        assertTrue(mappedHost.isIpv4());
        assertEquals(32, mappedHost.prefix());
        assertTrue(mappedHost.containsLiteral("192.0.2.10"));
        Cidr anyV6 = Cidr.parse("::/0");
        assertFalse(anyV6.isIpv4());
        assertTrue(anyV6.containsLiteral("2001:db8::1"));
        assertTrue(anyV6.containsLiteral("::192.0.2.1"), "IPv4-compatible addresses are IPv6");
        assertFalse(anyV6.containsLiteral("192.0.2.1"), "an IPv6 network never holds IPv4 addresses");
        assertFalse(anyV6.containsLiteral("::ffff:192.0.2.1"), "... also not in their mapped form");
        assertTrue(Cidr.parse("::ffff:0:0/96").containsLiteral("8.8.8.8"));
        assertEquals(0, Cidr.parse("::ffff:0:0/96").prefix());
    }

    @Test
    void prefixBoundaries() {
        Cidr v6 = Cidr.parse("2001:db8::/64");
        assertTrue(v6.containsLiteral("2001:db8::ffff:ffff:ffff:ffff"));
        assertFalse(v6.containsLiteral("2001:db8:0:1::"));
        Cidr v6Host = Cidr.parse("2001:db8::1/128");
        assertTrue(v6Host.containsLiteral("2001:db8::1"));
        assertFalse(v6Host.containsLiteral("2001:db8::2"));
        Cidr v6Long = Cidr.parse("2001:db8::8000:0/97");
        assertTrue(v6Long.containsLiteral("2001:db8::ffff:ffff"));
        assertFalse(v6Long.containsLiteral("2001:db8::7fff:ffff"));
        Cidr v4Host = Cidr.parse("255.255.255.255/32");
        assertTrue(v4Host.containsLiteral("255.255.255.255"));
        assertFalse(v4Host.containsLiteral("255.255.255.254"));
        assertTrue(Cidr.parse("128.0.0.0/1").containsLiteral("255.1.2.3"));
        assertFalse(Cidr.parse("128.0.0.0/1").containsLiteral("127.1.2.3"));
    }
}
