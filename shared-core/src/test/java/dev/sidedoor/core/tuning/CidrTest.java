package dev.sidedoor.core.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesIpv4LiteralsStrictly() {
        assertArrayEquals(new byte[] {10, 0, 0, 1}, Cidr.parseAddress("10.0.0.1"));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255},
                Cidr.parseAddress("255.255.255.255"));
        for (String bad : new String[] {"256.0.0.1", "10.0.0", "10.0.0.1.", ".10.0.0.1", "10..0.1", "010.0.0.1",
                "10.0.0.01", "1e.0.0.1", "10.0.0.1 ", " 10.0.0.1", "0x0a.0.0.1", "4294967295", "10.0.0.1/8",
                "١٠.0.0.1", "localhost", "ssm.amazonaws.com", "", "1.2.3.4.5"}) {
            assertNull(Cidr.parseAddress(bad), bad);
        }
        assertNull(Cidr.parseAddress(null));
    }

    @Test
    void parsesIpv6Literals() {
        assertEquals(16, Cidr.parseAddress("::").length);
        assertEquals(16, Cidr.parseAddress("::1").length);
        assertEquals(16, Cidr.parseAddress("2001:db8::").length);
        assertEquals(16, Cidr.parseAddress("2001:DB8:0:0:0:0:0:1").length);
        assertEquals(16, Cidr.parseAddress("1:2:3:4:5:6:7::").length);
        assertEquals(16, Cidr.parseAddress("::2:3:4:5:6:7:8").length);
        assertEquals(16, Cidr.parseAddress("64:ff9b::192.0.2.1").length);
        assertArrayEquals(Cidr.parseAddress("2001:db8::1"), Cidr.parseAddress("2001:0db8:0000::0001"));
        for (String bad : new String[] {":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
                "fe80::1%eth0", "[::1]", "::g", ":1::", "1::2:", "1:2:3:4:5:6:7:8::", "::1.2.3", "1.2.3.4::",
                "::ffff:256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4"}) {
            assertNull(Cidr.parseAddress(bad), bad);
        }
    }

    @Test
    void mappedIpv6IsIpv4() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, Cidr.parseAddress("::ffff:192.0.2.1"));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, Cidr.parseAddress("::FFFF:c000:201"));
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

    @Test
    void hugeInputIsRejectedWithoutParsing() {
        String huge = "1".repeat(1 << 20);
        assertNull(Cidr.parseAddress(huge));
        assertNull(Cidr.parseAddress("1:".repeat(1 << 19)));
    }
}
