package dev.sidedoor.core.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Cases from the Sigma engine's IpAddressTest and the address half of the tuning file's CidrTest. */
class IpAddressTest {

    /** The bytes of a strict literal, or null (what the tuning file's {@code Cidr.parseAddress} returned). */
    private static byte[] addr(String text) {
        IpAddress ip = IpAddress.parse(text);
        return ip == null ? null : ip.bytes();
    }

    // ---- from the Sigma engine (record values: zone ids allowed and dropped) --------------------------------------

    @Test
    void acceptsLiteralsLikeTheJdkDoes() throws Exception {
        String[] good = {"0.0.0.0", "255.255.255.255", "10.1.2.3", "::", "::1", "1::", "2001:db8::ff00:42:8329",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "fe80::1%eth0",
            "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4"};
        for (String s : good) {
            IpAddress ip = IpAddress.parseIgnoringZone(s);
            assertNotNull(ip, s);
            byte[] expected = InetAddress.getByName(s.replaceAll("%.*", "")).getAddress();
            // The JDK turns IPv4-mapped IPv6 literals into IPv4 addresses, and so does IpAddress.
            assertEquals(toHex(expected), toHex(ip.bytes()), s);
            assertEquals(expected.length == 4, ip.isIpv4(), s);
            if (s.indexOf('%') < 0) {
                assertEquals(ip, IpAddress.parse(s), s);
            }
        }
    }

    @Test
    void rejectsEverythingElse() {
        String[] bad = {"", "AWS Internal", "ec2.amazonaws.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
            "1.2.3.4:443", "1.2.3.", ".1.2.3", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1:",
            ":1", "fe80::1%", "1.2.3.4::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4"};
        for (String s : bad) {
            assertNull(IpAddress.parseIgnoringZone(s), s);
            assertNull(IpAddress.parse(s), s);
        }
    }

    // ---- from the tuning file (strict literals) -----------------------------------------------------------------

    @Test
    void parsesIpv4LiteralsStrictly() {
        assertArrayEquals(new byte[] {10, 0, 0, 1}, addr("10.0.0.1"));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255}, addr("255.255.255.255"));
        for (String bad : new String[] {"256.0.0.1", "10.0.0", "10.0.0.1.", ".10.0.0.1", "10..0.1", "010.0.0.1",
                "10.0.0.01", "1e.0.0.1", "10.0.0.1 ", " 10.0.0.1", "0x0a.0.0.1", "4294967295", "10.0.0.1/8",
                "١٠.0.0.1", "localhost", "ssm.amazonaws.com", "", "1.2.3.4.5"}) {
            assertNull(addr(bad), bad);
        }
        assertNull(addr(null));
    }

    @Test
    void parsesIpv6Literals() {
        assertEquals(16, addr("::").length);
        assertEquals(16, addr("::1").length);
        assertEquals(16, addr("2001:db8::").length);
        assertEquals(16, addr("2001:DB8:0:0:0:0:0:1").length);
        assertEquals(16, addr("1:2:3:4:5:6:7::").length);
        assertEquals(16, addr("::2:3:4:5:6:7:8").length);
        assertEquals(16, addr("64:ff9b::192.0.2.1").length);
        assertArrayEquals(addr("2001:db8::1"), addr("2001:0db8:0000::0001"));
        for (String bad : new String[] {":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
                "fe80::1%eth0", "[::1]", "::g", ":1::", "1::2:", "1:2:3:4:5:6:7:8::", "::1.2.3", "1.2.3.4::",
                "::ffff:256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4"}) {
            assertNull(addr(bad), bad);
        }
    }

    @Test
    void mappedIpv6IsIpv4() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, addr("::ffff:192.0.2.1"));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, addr("::FFFF:c000:201"));
        assertEquals(IpAddress.parse("192.0.2.1"), IpAddress.parse("::ffff:192.0.2.1"));
        assertTrue(IpAddress.parse("::ffff:192.0.2.1").isIpv4());
        assertFalse(IpAddress.parse("::192.0.2.1").isIpv4(), "IPv4-compatible (not mapped) stays IPv6");
    }

    @Test
    void hugeInputIsRejectedWithoutParsing() {
        String huge = "1".repeat(1 << 20);
        assertNull(addr(huge));
        assertNull(addr("1:".repeat(1 << 19)));
        assertNull(IpAddress.parseIgnoringZone(huge));
        assertNull(IpAddress.parseIgnoringZone("fe80::1%" + "e".repeat(1 << 20)));
    }

    // ---- the merged surface -----------------------------------------------------------------------------------------

    @Test
    void zoneIdsOnlyWhereAskedFor() {
        assertNull(IpAddress.parse("fe80::1%eth0"));
        assertEquals(IpAddress.parse("fe80::1"), IpAddress.parseIgnoringZone("fe80::1%eth0"));
        assertEquals(IpAddress.parse("192.0.2.1"), IpAddress.parseIgnoringZone("::ffff:192.0.2.1%3"));
        assertNull(IpAddress.parseIgnoringZone("192.0.2.1%eth0"), "zone ids belong to IPv6 literals");
        assertNull(IpAddress.parseIgnoringZone("fe80::1%"));
    }

    @Test
    void onlyAsciiHexDigits() {
        // Character.digit accepts fullwidth and other Unicode digits; an address literal does not.
        assertNull(IpAddress.parse("\uff12001:db8::1"));
        assertNull(IpAddress.parse("\u0661::1"));
        assertNull(IpAddress.parseIgnoringZone("\u0661::1"));
    }

    @Test
    void formatsCanonically() {
        assertEquals("10.0.0.1", IpAddress.parse("10.0.0.1").toString());
        assertEquals("192.0.2.1", IpAddress.parse("::ffff:192.0.2.1").toString());
        assertEquals("2001:db8:0:0:0:0:0:1", IpAddress.parse("2001:DB8::0001").toString());
        assertEquals("0:0:0:0:0:0:0:0", IpAddress.parse("::").toString());
    }

    private static String toHex(byte[] b) {
        StringBuilder s = new StringBuilder();
        if (b.length == 4) {
            s.append("v4:");
        } else {
            s.append("v6:");
        }
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
