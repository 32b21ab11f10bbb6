package dev.sidedoor.core.sigma;

import java.util.List;
import java.util.Map;

/**
 * A loaded Sigma rule: its metadata and its detection, compiled once into a matcher tree.
 *
 * <p>Immutable and thread-safe: one instance is shared by every thread that evaluates records. {@link #matches}
 * keeps no state; its only allocations are the ones RE2/J makes for a {@code |re} match and the text of
 * non-string scalars.
 */
public final class SigmaRule {

    private final String id;
    private final String name;
    private final String title;
    private final String status;
    private final String description;
    private final String level;
    private final List<String> tags;
    private final List<String> falsePositives;
    private final List<String> references;
    private final String author;
    private final LogSource logsource;
    private final String source;
    private final int line;
    private final Map<String, Object> extra;
    private final DocMatcher detection;
    private final Map<String, java.util.Set<LiteralValue>> literals;
    private final java.util.Set<String> caseSensitive;

    SigmaRule(Metadata meta, LogSource logsource, String source, int line, Map<String, Object> extra,
            DocMatcher detection, FieldLiterals.Frozen literals) {
        this.id = meta.id();
        this.name = meta.name();
        this.title = meta.title();
        this.status = meta.status();
        this.description = meta.description();
        this.level = meta.level();
        this.tags = List.copyOf(meta.tags());
        this.falsePositives = List.copyOf(meta.falsePositives());
        this.references = List.copyOf(meta.references());
        this.author = meta.author();
        this.logsource = logsource;
        this.source = source;
        this.line = line;
        this.extra = extra;
        this.detection = detection;
        this.literals = literals.literals();
        this.caseSensitive = literals.caseSensitive();
    }

    /** The descriptive fields of a rule, gathered before the rule itself is built. */
    record Metadata(String id, String name, String title, String status, String description, String level,
            List<String> tags, List<String> falsePositives, List<String> references, String author) {
    }

    /** The rule's {@code id}, or {@link #name()} when the rule has none. */
    public String id() {
        return id;
    }

    /** The file stem ({@code aws_ssm_send_command}); documents after the first in a file get {@code #2}, {@code #3}... */
    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public String status() {
        return status;
    }

    public String description() {
        return description;
    }

    /** Lower-cased ({@code informational}, {@code low}, {@code medium}, {@code high}, {@code critical}) or null. */
    public String level() {
        return level;
    }

    public List<String> tags() {
        return tags;
    }

    public List<String> falsePositives() {
        return falsePositives;
    }

    public List<String> references() {
        return references;
    }

    public String author() {
        return author;
    }

    public LogSource logsource() {
        return logsource;
    }

    /** The file path or resource name the rule was loaded from, as given to the parser. */
    public String source() {
        return source;
    }

    /** 1-based line of the rule's first key in {@link #source()}. */
    public int line() {
        return line;
    }

    /**
     * Top-level keys the engine does not interpret ({@code date}, {@code modified}, {@code related}, custom blocks
     * such as {@code sidedoor:}) as read-only plain Java values: String, Boolean, Integer/Long/BigInteger, Double,
     * null, List and Map. Dates stay strings as written.
     */
    public Map<String, Object> extra() {
        return extra;
    }

    /**
     * The text values the detection compares {@code field} with, when every test of that field is a plain
     * (case-insensitive) comparison of the whole value, its start or its end with wildcard-free text; empty when
     * the field is tested any other way or not at all. Says nothing about how the values combine: pair it with {@link #mayMatch} to learn which are needed.
     */
    public java.util.Optional<java.util.Set<LiteralValue>> literalValues(String field) {
        return FieldLiterals.lookup(literals, field);
    }

    /**
     * Whether some test of {@code field} tells upper from lower case ({@code |cased}, or {@code |re} without the
     * {@code i} flag); Sigma's plain values and wildcards do not.
     */
    public boolean testsCaseSensitively(String field) {
        return caseSensitive.contains(field);
    }

    /** Whether the record satisfies the rule's detection. Safe to call from many threads at once. */
    public boolean matches(SigmaDocument doc) {
        return detection.matches(doc);
    }

    /**
     * False only when the fields {@code doc} knows already rule a match out; then the record can be passed over
     * without reading the rest of it. True means "could match": evaluate the whole record with {@link #matches}.
     */
    public boolean mayMatch(PartialDocument doc) {
        return detection.screen(doc) != Screen.NO;
    }

    @Override
    public String toString() {
        return "SigmaRule[" + name + " " + id + " (" + source + ":" + line + ")]";
    }
}
