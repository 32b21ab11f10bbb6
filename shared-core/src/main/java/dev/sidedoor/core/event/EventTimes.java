package dev.sidedoor.core.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamp shapes clouds and pipelines write: ISO-8601 with 0-9 fraction digits, or with a space. Log
 * text is attacker-controlled: a year such as +999999999 parses but overflows epoch milliseconds, so every failure
 * to read an instant, whatever its cause, is "not an instant".
 */
public final class EventTimes {

    private EventTimes() {
    }

    /** Epoch milliseconds, or -1 when the text is not a recognisable instant. */
    public static long epochMillis(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return -1;
        }
        String t = text.trim().replace(' ', 'T');
        if (!(t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$"))) {
            t = t + "Z";
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                return -1;
            }
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
