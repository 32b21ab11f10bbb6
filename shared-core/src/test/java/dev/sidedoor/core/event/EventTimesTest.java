package dev.sidedoor.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic read of the common shape gives what java.time gives, and leaves every other shape to it. */
class EventTimesTest {

    @Test
    void theCommonShapeReadsAsTheParserReadsIt() {
        Random r = new Random(3);
        int plain = 0;
        for (int k = 0; k < 60_000; k++) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", r.nextInt(3) == 0 ? r.nextInt(10_000)
                    : 1960 + r.nextInt(100), r.nextInt(14), r.nextInt(33), r.nextInt(25), r.nextInt(61),
                    r.nextInt(62)));
            int fraction = r.nextInt(12) - 1;
            if (fraction >= 0) {
                b.append('.');
                for (int i = 0; i < fraction; i++) {
                    b.append((char) ('0' + r.nextInt(10)));
                }
            }
            b.append(r.nextInt(20) == 0 ? "+00:00" : r.nextInt(20) == 0 ? "" : "Z");
            if (r.nextInt(50) == 0) {
                b.setCharAt(r.nextInt(b.length()), (char) (32 + r.nextInt(95)));
            }
            String t = b.toString();
            long expected = EventTimes.parsed(t);
            assertEquals(expected, EventTimes.epochMillis(t), t);
            if (EventTimes.plainUtc(t) != Long.MIN_VALUE) {
                plain++;
                assertEquals(expected, EventTimes.plainUtc(t), t);
            }
        }
        assertEquals(true, plain > 15_000, "the common shape was tried: " + plain);
    }

    @Test
    void examples() {
        assertEquals(1709296496000L, EventTimes.epochMillis("2024-03-01T12:34:56Z"));
        assertEquals(1709296496123L, EventTimes.epochMillis("2024-03-01T12:34:56.1234567Z"));
        assertEquals(1709296496100L, EventTimes.epochMillis("2024-03-01T12:34:56.1Z"));
        assertEquals(-1, EventTimes.epochMillis("2023-02-29T00:00:00Z"));
        assertEquals(EventTimes.parsed("2016-12-31T23:59:60Z"), EventTimes.epochMillis("2016-12-31T23:59:60Z"));
        assertEquals(1709296496000L, EventTimes.epochMillis("2024-03-01 12:34:56"));
        assertEquals(-1, EventTimes.epochMillis("+999999999-01-01T00:00:00Z"));
    }
}
