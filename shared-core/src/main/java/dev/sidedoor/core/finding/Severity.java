package dev.sidedoor.core.finding;

import java.util.Locale;

/** Finding severity, ordered from least to most urgent. Names follow Sigma's {@code level} values. */
public enum Severity {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** Parses a Sigma level or a user-typed severity ("info" is accepted for informational). */
    public static Severity parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("severity is empty; expected one of informational, low, medium, high, critical");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("info")) {
            return INFORMATIONAL;
        }
        for (Severity s : values()) {
            if (s.label().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "'; expected one of informational, low, medium, high, critical");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Severity lower() {
        return this == INFORMATIONAL ? this : values()[ordinal() - 1];
    }

    public Severity higher() {
        return this == CRITICAL ? this : values()[ordinal() + 1];
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
