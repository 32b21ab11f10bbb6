package dev.sidedoor.core.sigma;

import java.util.Locale;

/**
 * A rule's {@code logsource}: which records the caller should route to it. Values are lower-cased so routing can
 * compare them directly; any of them may be null.
 */
public record LogSource(String product, String service, String category) {

    static final LogSource NONE = new LogSource(null, null, null);

    public LogSource {
        product = lower(product);
        service = lower(service);
        category = lower(category);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
