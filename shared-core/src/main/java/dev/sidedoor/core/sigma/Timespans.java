package dev.sidedoor.core.sigma;

/**
 * Reads a correlation {@code timespan}: a number and one lower-case unit, {@code s}, {@code m}, {@code h} or
 * {@code d} (the specification's list; pySigma's extra {@code w}, {@code M}, {@code y} are refused). Checked by
 * hand, not by regex, and bounded in length, because rule text is untrusted.
 */
final class Timespans {

    /** The schema's maxLength. */
    static final int MAX_LENGTH = 10;

    private Timespans() {
    }

    /** Milliseconds, or -1 when the text is not a timespan. */
    static long millis(String text) {
        if (text == null || text.length() < 2 || text.length() > MAX_LENGTH) {
            return -1;
        }
        long unit = switch (text.charAt(text.length() - 1)) {
            case 's' -> 1_000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> -1;
        };
        if (unit < 0) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        // At most 9 digits: no overflow, and the caller bounds the result.
        return n == 0 ? -1 : n * unit;
    }
}
