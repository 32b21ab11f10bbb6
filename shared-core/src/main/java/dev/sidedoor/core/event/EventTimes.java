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
        long plain = plainUtc(text);
        return plain != NOT_PLAIN ? plain : parsed(text);
    }

    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /**
     * The common shape, {@code 2024-03-01T12:34:56Z} with 0 to 9 fraction digits, read by arithmetic; anything else
     * (offsets, a space, a leap second, a day that does not exist) is {@link #NOT_PLAIN} and left to the parser.
     * Findings read their times several times each, and the parser costs more than the rest of a judgement.
     */
    static long plainUtc(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return NOT_PLAIN;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return NOT_PLAIN;
        }
        int millis = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (t.charAt(19) != '.' || fraction < 1 || fraction > 9 || digits(t, 20, n - 1) < 0) {
                return NOT_PLAIN;
            }
            millis = digits(t, 20, 20 + Math.min(3, fraction));
            for (int k = fraction; k < 3; k++) {
                millis *= 10;
            }
        } else if (t.charAt(19) != 'Z') {
            return NOT_PLAIN;
        }
        if (day > 28 && day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
            return NOT_PLAIN;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The decimal value of {@code t[from, to)}, or -1 when it holds anything but ASCII digits. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** What java.time reads: the other ISO-8601 shapes. */
    static long parsed(String text) {
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
