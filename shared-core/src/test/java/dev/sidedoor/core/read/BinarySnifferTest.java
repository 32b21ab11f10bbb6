package dev.sidedoor.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinarySnifferTest {

    /** The byte-at-a-time verdict the word-wide one must equal. */
    private static String reference(byte[] h, int len) {
        int control = 0;
        for (int i = 0; i < len; i++) {
            int c = h[i] & 0xff;
            if (c == 0) {
                return "contains NUL bytes (binary data)";
            }
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                control++;
            }
        }
        return control * 100 > len ? "mostly control characters (binary data)" : null;
    }

    @Test
    void aWordWithAControlByteAnywhereIsAlwaysLookedAt() {
        Random r = new Random(7);
        for (int control = 0; control < 0x100; control++) {
            if (control >= 0x20 && control != 0x7f) {
                continue;
            }
            for (int at = 0; at < 8; at++) {
                for (int k = 0; k < 200; k++) {
                    long x = r.nextLong();
                    x = (x & ~(0xffL << (8 * at))) | ((long) control << (8 * at));
                    assertTrue(BinarySniffer.mayHoldControl(x), Long.toHexString(x));
                }
            }
        }
        assertEquals(false, BinarySniffer.mayHoldControl(0x2020202020202020L));
        assertEquals(false, BinarySniffer.mayHoldControl(0x7e7e7e7e7e7e7e7eL));
        assertEquals(false, BinarySniffer.mayHoldControl(0xfffefdfcfbfaf9f8L), "bytes above 0x7F are not control");
    }

    @Test
    void verdictsEqualTheByteLoopOnTextAndNoise() {
        Random r = new Random(11);
        for (int k = 0; k < 20_000; k++) {
            int len = 1 + r.nextInt(300);
            byte[] h = new byte[len + r.nextInt(4)];
            int controlPercent = r.nextInt(4);
            for (int i = 0; i < h.length; i++) {
                int roll = r.nextInt(100);
                h[i] = (byte) (roll < controlPercent ? 1 + r.nextInt(0x1f) : roll == 99 && r.nextInt(50) == 0 ? 0
                        : roll == 98 ? 0x7f : roll == 97 ? 0x80 + r.nextInt(0x80) : 0x20 + r.nextInt(0x5f));
            }
            h[0] = '{';
            String expected = reference(h, len);
            String got = BinarySniffer.describeIfBinary(h, len);
            if (expected == null) {
                // the word-wide count changes nothing; the later checks (first byte, UTF-16) are not under test
                assertTrue(got == null || !got.contains("control") && !got.contains("NUL"), got);
            } else {
                assertEquals(expected, got);
            }
        }
    }

    @Test
    void jsonIsTextAndAnImageIsNot() {
        byte[] json = "{\"Records\":[{\"eventName\":\"StartSession\"}]}\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        assertNull(BinarySniffer.describeIfBinary(json, json.length));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertEquals("contains NUL bytes (binary data)", BinarySniffer.describeIfBinary(png, png.length));
    }
}
