package dev.sidedoor.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The word-at-a-time field-name scan ends where, and flags what, the byte loop does. */
class KeyEndTest {

    /** The byte loop it replaced: {end index, escaped 0/1}, or {-1, 0} when the name runs past the end. */
    private static int[] reference(byte[] b, int i, int end) {
        boolean odd = false;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                return new int[] {i, odd ? 1 : 0};
            }
            if (c == '\\') {
                odd = true;
                i += 2;
            } else {
                odd |= c < 0;
                i++;
            }
        }
        return new int[] {-1, 0};
    }

    @Test
    void endsAndFlagsAsTheByteLoopDoes() {
        TopLevelScan scan = new TopLevelScan(Set.of("eventName"), 64);
        Random r = new Random(5);
        byte[] alphabet = {'a', 'b', 'Z', '_', '0', '"', '\\', 0x01, 0x1f, (byte) 0x80, (byte) 0xc3, (byte) 0xa9,
            (byte) 0xff, ' ', '{', '}'};
        for (int k = 0; k < 300_000; k++) {
            byte[] b = new byte[1 + r.nextInt(40)];
            int rare = 1 + r.nextInt(30);
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(rare) == 0 ? alphabet[5 + r.nextInt(alphabet.length - 5)]
                        : alphabet[r.nextInt(5)];
            }
            int from = r.nextInt(b.length);
            int end = from + r.nextInt(b.length - from + 1);
            int[] expected = reference(b, from, end);
            int got;
            try {
                got = scan.keyEnd(b, from, end);
            } catch (TopLevelScan.NeedMore more) {
                got = -1;
            }
            assertEquals(expected[0], got, "end");
            if (got >= 0) {
                assertEquals(expected[1] == 1, scan.keyEscaped, "escaped");
            }
        }
    }
}
