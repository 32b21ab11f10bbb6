package dev.sidedoor.core.source.falcon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.EventTimes;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Falcon's times: epoch milliseconds ({@code timestamp}, {@code @timestamp}), epoch seconds with a fraction
 * ({@code ProcessStartTime}, {@code ContextTimeStamp}, Event Search's {@code _time}), as strings or numbers, or
 * ISO-8601 text from a pipeline that converted them. Attacker-controlled: anything that is not a plausible instant
 * (negative, beyond year 9999, not a number) is "no time".
 */
final class FalconTimes {

    /** 9999-12-31T23:59:59Z in epoch milliseconds. */
    private static final long MAX_MILLIS = 253_402_300_799_999L;
    /** Numbers below this are seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
    private static final double SECONDS_BELOW = 1e11;
    /** Numbers above this are microseconds (1e14 ms is the year 5138)... */
    private static final double MICROS_ABOVE = 1e14;
    /** ...and above this nanoseconds (1e17 us is the year 5138). */
    private static final double NANOS_ABOVE = 1e17;
    private static final int MAX_TEXT = 40;

    private FalconTimes() {
    }

    /** ISO-8601 UTC with milliseconds, or null. */
    static String iso(JsonNode value) {
        long ms = millis(value);
        return ms < 0 ? null : Instant.ofEpochMilli(ms).toString();
    }

    static long millis(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return -1;
        }
        if (value.isNumber()) {
            return fromNumber(value.asDouble());
        }
        if (!value.isTextual()) {
            return -1;
        }
        String t = value.textValue().trim();
        if (t.isEmpty() || t.length() > MAX_TEXT) {
            return -1;
        }
        if (isNumeric(t)) {
            try {
                return fromNumber(new BigDecimal(t).doubleValue());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        long ms = EventTimes.epochMillis(t);
        return ms >= 0 && ms <= MAX_MILLIS ? ms : -1;
    }

    private static boolean isNumeric(String t) {
        boolean dot = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return t.length() > (dot ? 1 : 0);
    }

    private static long fromNumber(double n) {
        if (!(n > 0) || Double.isInfinite(n)) {
            return -1;
        }
        double ms = n < SECONDS_BELOW ? n * 1000 : n > NANOS_ABOVE ? n / 1e6 : n > MICROS_ABOVE ? n / 1000 : n;
        if (ms > MAX_MILLIS) {
            return -1;
        }
        return Math.round(ms);
    }
}
