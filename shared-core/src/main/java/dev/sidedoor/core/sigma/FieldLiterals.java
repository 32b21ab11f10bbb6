package dev.sidedoor.core.sigma;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which plain text values (whole, prefix or suffix) a rule compares each field with, gathered while its detection is compiled. A field
 * that is ever tested any other way (a modifier, a wildcard, {@code exists}, a number) has no literal set: only
 * exact equality lets a caller such as an EventBridge pattern list the values a match needs.
 */
final class FieldLiterals {

    /** Field -> values; a field mapped to {@code null} was tested in some non-literal way. */
    private final Map<String, Set<LiteralValue>> byField = new HashMap<>();
    /** Fields tested case-sensitively somewhere ({@code |cased}, {@code |re} without the i flag). */
    private final Set<String> caseSensitive = new java.util.HashSet<>();

    /** What a compiled rule keeps: the literal values per field, and the fields tested case-sensitively. */
    record Frozen(Map<String, Set<LiteralValue>> literals, Set<String> caseSensitive) {
    }

    void add(String field, LiteralValue value) {
        if (byField.containsKey(field) && byField.get(field) == null) {
            return;
        }
        byField.computeIfAbsent(field, k -> new LinkedHashSet<>()).add(value);
    }

    void notLiteral(String field) {
        byField.put(field, null);
    }

    void caseSensitive(String field) {
        caseSensitive.add(field);
    }

    Frozen freeze() {
        Map<String, Set<LiteralValue>> out = new HashMap<>();
        byField.forEach((k, v) -> out.put(k, v == null ? null : Set.copyOf(v)));
        return new Frozen(out, Set.copyOf(caseSensitive));
    }

    static Optional<Set<LiteralValue>> lookup(Map<String, Set<LiteralValue>> frozen, String field) {
        return Optional.ofNullable(frozen.get(field));
    }

    /** A Sigma string value without wildcards or escapes: matched by plain (case-insensitive) equality. */
    static boolean isLiteral(String text) {
        return text.indexOf('*') < 0 && text.indexOf('?') < 0 && text.indexOf('\\') < 0;
    }
}
