package dev.sidedoor.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time string scan against the byte loop it replaces, at every position a word can hold. */
class StringBytesTest {

    /** The plain definition: the first quote, backslash or byte below 0x20 (unsigned). */
    private static int reference(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            int c = b[i] & 0xff;
            if (c == '"' || c == '\\' || c < 0x20) {
                return i;
            }
        }
        return end;
    }

    private static byte[] filled(int length, byte with) {
        byte[] b = new byte[length];
        Arrays.fill(b, with);
        return b;
    }

    @Test
    void theLowestMarkIsTheIndexTrailingZerosGive() {
        // Every set of marks a word can carry: only the lowest counts, whatever lies above it.
        for (int marks = 1; marks < 256; marks++) {
            long m = 0;
            for (int k = 0; k < 8; k++) {
                if ((marks & (1 << k)) != 0) {
                    m |= 0x80L << (8 * k);
                }
            }
            assertEquals(Long.numberOfTrailingZeros(m) >>> 3, StringBytes.firstMarked(m), Long.toHexString(m));
        }
    }

    @Test
    void findsAQuoteOrBackslashAtEveryPositionOfAWordAndOfTheTail() {
        for (byte special : new byte[] {'"', '\\', 0x00, 0x0a, 0x1f}) {
            for (int length = 1; length <= 24; length++) {
                for (int at = 0; at < length; at++) {
                    byte[] b = filled(length, (byte) 'a');
                    b[at] = special;
                    assertEquals(at, StringBytes.firstSpecial(b, 0, length), "0x" + Integer.toHexString(special)
                            + " at " + at + " of " + length);
                }
            }
        }
    }

    @Test
    void theFirstOfSeveralWins() {
        // A match borrows into the bytes above it: only the lowest mark may be read.
        for (int first = 0; first < 16; first++) {
            for (int second = first + 1; second < 17; second++) {
                byte[] b = filled(17, (byte) 'x');
                b[first] = '\\';
                b[second] = '"';
                assertEquals(first, StringBytes.firstSpecial(b, 0, b.length));
                b[first] = 0x01;
                b[second] = '#'; // 0x23: a '"' after a borrow would look like it
                assertEquals(first, StringBytes.firstSpecial(b, 0, b.length));
            }
        }
    }

    @Test
    void highBytesAndNearMissesAreNotSpecial() {
        for (int v = 0x20; v <= 0xff; v++) {
            if (v == '"' || v == '\\') {
                continue;
            }
            byte[] b = filled(19, (byte) v);
            assertEquals(19, StringBytes.firstSpecial(b, 0, b.length), "byte 0x" + Integer.toHexString(v));
            assertEquals(0L, StringBytes.special(word(b, 0)), "byte 0x" + Integer.toHexString(v));
        }
        byte[] utf8 = "é中😀 \"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(utf8.length - 1, StringBytes.firstSpecial(utf8, 0, utf8.length));
    }

    @Test
    void startsAndEndsInsideTheArray() {
        byte[] b = "\"abcdefghijklmnop\\qrst\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int from = 1; from < b.length; from++) {
            for (int end = from; end <= b.length; end++) {
                assertEquals(reference(b, from, end), StringBytes.firstSpecial(b, from, end), from + ".." + end);
            }
        }
    }

    @Test
    void emptyAndShortTails() {
        assertEquals(0, StringBytes.firstSpecial(new byte[0], 0, 0));
        for (int length = 0; length < 8; length++) {
            byte[] b = filled(length, (byte) 'z');
            assertEquals(length, StringBytes.firstSpecial(b, 0, length));
        }
        byte[] b = filled(10, (byte) '"');
        assertEquals(10, StringBytes.firstSpecial(b, 10, 10));
    }

    @Test
    void agreesWithTheByteLoopOnRandomBytes() {
        Random r = new Random(15);
        byte[] alphabet = {'a', '"', '\\', 0x00, 0x1f, 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, (byte) 0x80, (byte) 0xa2,
            (byte) 0xdc, (byte) 0xff};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // Mostly plain bytes, so that runs longer than a word occur.
                b[i] = r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) ('a' + r.nextInt(26));
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            assertEquals(reference(b, from, b.length), StringBytes.firstSpecial(b, from, b.length),
                    Arrays.toString(b) + " from " + from);
        }
    }

    @Test
    void stringEndSkipsEscapesAndRejectsControlCharacters() throws Exception {
        byte[] b = "ab\\\"cdefghij\\\\\"rest".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(14, TopLevelScan.stringEnd(b, 0, b.length));
        byte[] control = "abcdefghij\tk\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        TopLevelScan.Malformed m = assertThrows(TopLevelScan.Malformed.class,
                () -> TopLevelScan.stringEnd(control, 0, control.length));
        assertEquals(10, m.offset);
        byte[] open = "abcdefghijklmnop\\".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThrows(TopLevelScan.NeedMore.class, () -> TopLevelScan.stringEnd(open, 0, open.length));
        assertThrows(TopLevelScan.NeedMore.class, () -> TopLevelScan.stringEnd(open, 0, 5));
    }

    private static long word(byte[] b, int at) {
        long x = 0;
        for (int k = 7; k >= 0; k--) {
            x = x << 8 | (b[at + k] & 0xff);
        }
        return x;
    }

    @Test
    void findsTheFirstNewlineAtEveryPositionAndNothingElse() {
        for (int length = 0; length <= 24; length++) {
            assertEquals(-1, StringBytes.firstNewline(filled(length, (byte) 'q'), 0, length));
            for (int at = 0; at < length; at++) {
                byte[] b = filled(length, (byte) 0x8a); // 0x8a ^ '\n' is 0x80: a near miss in every other byte
                b[at] = '\n';
                if (at + 1 < length) {
                    b[at + 1] = '\n';
                }
                assertEquals(at, StringBytes.firstNewline(b, 0, length), at + " of " + length);
            }
        }
        for (int v = 0; v <= 0xff; v++) {
            if (v != '\n') {
                assertEquals(-1, StringBytes.firstNewline(filled(17, (byte) v), 0, 17),
                        "byte 0x" + Integer.toHexString(v));
            }
        }
        Random r = new Random(16);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(30) == 0 ? (byte) '\n' : (byte) r.nextInt(256);
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int expected = -1;
            for (int i = from; i < b.length; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, StringBytes.firstNewline(b, from, b.length), Arrays.toString(b) + " from " + from);
        }
    }
}
