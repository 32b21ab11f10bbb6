package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpAddressTest {

    @Test
    void acceptsLiteralsLikeTheJdkDoes() throws Exception {
        String[] good = {"0.0.0.0", "255.255.255.255", "10.1.2.3", "::", "::1", "1::", "2001:db8::ff00:42:8329",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "fe80::1%eth0",
            "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4"};
        for (String s : good) {
            IpAddress ip = IpAddress.parse(s);
            assertNotNull(ip, s);
            byte[] expected = InetAddress.getByName(s.replaceAll("%.*", "")).getAddress();
            assertEquals(toHex(expected), toHex(ip), s);
        }
    }

    @Test
    void rejectsEverythingElse() {
        String[] bad = {"", "AWS Internal", "ec2.amazonaws.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
            "1.2.3.4:443", "1.2.3.", ".1.2.3", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1:",
            ":1", "fe80::1%", "1.2.3.4::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4"};
        for (String s : bad) {
            assertNull(IpAddress.parse(s), s);
        }
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

    private static String toHex(IpAddress ip) {
        if (!ip.v6()) {
            return String.format("v4:%08x", ip.lo());
        }
        // The JDK turns IPv4-mapped IPv6 literals into IPv4 addresses.
        if (ip.mappedV4() >= 0) {
            return String.format("v4:%08x", ip.mappedV4());
        }
        return String.format("v6:%016x%016x", ip.hi(), ip.lo());
    }
}
