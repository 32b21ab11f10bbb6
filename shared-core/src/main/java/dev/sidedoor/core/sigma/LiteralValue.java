package dev.sidedoor.core.sigma;

/**
 * A plain text value a rule compares a field with (Sigma compares case-insensitively): the whole value, its start
 * ({@code |startswith}) or its end ({@code |endswith}).
 */
public record LiteralValue(Kind kind, String text) {

    public enum Kind { EQUALS, PREFIX, SUFFIX }
}
