package dev.sidedoor.core.sigma;

import java.util.Objects;

/**
 * A plain text value a rule compares a field with (Sigma compares case-insensitively): the whole value, its start
 * ({@code |startswith}) or its end ({@code |endswith}).
 */
public record LiteralValue(Kind kind, String text) {

    public enum Kind { EQUALS, PREFIX, SUFFIX }

    // Written out rather than left to the record: the generated ones link through method handles on first use
    // (21 classes loaded while the rules compile, at every start-up). The same values as the generated ones.
    @Override
    public boolean equals(Object o) {
        return o instanceof LiteralValue v && kind == v.kind && Objects.equals(text, v.text);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(kind) + Objects.hashCode(text);
    }
}
