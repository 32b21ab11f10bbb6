package dev.sidedoor.core.sigma;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Sigma correlation rule (sigma-specification, correlation rules v2.0.0) as written: checked on its own
 * (type, timespan, condition, group-by, aliases), its references to other rules not yet resolved. Resolving them
 * and evaluating the correlation is {@code dev.sidedoor.core.correlation.Correlations}' job, because a reference
 * may name a rule in another file or in the built-in pack.
 *
 * <p>Immutable. A correlation never matches a record by itself: it is not a {@link SigmaRule}.
 */
public final class SigmaCorrelation {

    /** The four correlation types of Sigma 2.0. */
    public enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED;

        /** As written in rules: {@code event_count}... */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A name or id as written in {@code rules:} or under an alias, with its line for error messages. */
    public record Reference(String text, int line) {
    }

    /**
     * The count condition as an inclusive range: {@code gt: 5} is [6, max], {@code lt: 3} is [0, 2], {@code eq: 4}
     * is [4, 4], and {@code gt}/{@code gte} with {@code lt}/{@code lte} a range.
     *
     * @param text as written ("gte 5", "gt 100 and lte 200"), for summaries
     */
    public record Condition(long min, long max, String text) {

        /** Whether {@code count} satisfies the condition. */
        public boolean test(long count) {
            return count >= min && count <= max;
        }

        /**
         * Whether the condition has an upper bound. Without one, a count that satisfies it stays satisfied as more
         * events arrive, so a window can be decided the moment the count is reached.
         */
        public boolean bounded() {
            return max != Long.MAX_VALUE;
        }
    }

    /**
     * One {@code aliases} entry: the field each referenced rule's events hold the alias in.
     *
     * @param fields rule reference -> field name in that rule's events
     */
    public record Alias(String name, Map<Reference, String> fields) {
        public Alias {
            fields = Map.copyOf(fields);
        }
    }

    private final SigmaRule.Metadata meta;
    private final String sigmaName;
    private final Type type;
    private final List<Reference> rules;
    private final List<String> groupBy;
    private final String timespanText;
    private final long timespanMillis;
    private final Condition condition;
    private final String field;
    private final List<Alias> aliases;
    private final boolean generate;
    private final String source;
    private final int line;

    private final Map<String, Object> extra;

    SigmaCorrelation(SigmaRule.Metadata meta, String sigmaName, Type type, List<Reference> rules,
            List<String> groupBy, String timespanText, long timespanMillis, Condition condition, String field,
            List<Alias> aliases, boolean generate, String source, int line, Map<String, Object> extra) {
        this.extra = extra;
        this.meta = meta;
        this.sigmaName = sigmaName;
        this.type = type;
        this.rules = List.copyOf(rules);
        this.groupBy = List.copyOf(groupBy);
        this.timespanText = timespanText;
        this.timespanMillis = timespanMillis;
        this.condition = condition;
        this.field = field;
        this.aliases = List.copyOf(aliases);
        this.generate = generate;
        this.source = source;
        this.line = line;
    }

    /** The rule's {@code id}, or {@link #name()} when it has none. */
    public String id() {
        return meta.id();
    }

    /** The file stem, with {@code #2}, {@code #3}... for later documents of the file, as for {@link SigmaRule#name()}. */
    public String name() {
        return meta.name();
    }

    /** The Sigma {@code name} attribute other correlations may refer to it by, or null. */
    public String sigmaName() {
        return sigmaName;
    }

    public String title() {
        return meta.title();
    }

    public String status() {
        return meta.status();
    }

    public String description() {
        return meta.description();
    }

    /** Lower-cased Sigma level, or null. */
    public String level() {
        return meta.level();
    }

    public List<String> tags() {
        return meta.tags();
    }

    public List<String> falsePositives() {
        return meta.falsePositives();
    }

    public Type type() {
        return type;
    }

    /** The referenced rules, in the order written (the order {@code temporal_ordered} requires). */
    public List<Reference> rules() {
        return rules;
    }

    /** Field or alias names, as written. */
    public List<String> groupBy() {
        return groupBy;
    }

    /** As written: "1h", "90m". */
    /** Keys of the document other than the standard ones (e.g. sidedoor's own {@code sidedoor:} block). */
    public Map<String, Object> extra() {
        return extra;
    }

    public String timespan() {
        return timespanText;
    }

    public long timespanMillis() {
        return timespanMillis;
    }

    public Condition condition() {
        return condition;
    }

    /** The field whose distinct values a {@code value_count} counts; null for the other types. */
    public String field() {
        return field;
    }

    public List<Alias> aliases() {
        return aliases;
    }

    /**
     * {@code generate}: whether the referenced rules also stand alone. False (the specification's default) means
     * only the correlation's own result is wanted.
     */
    public boolean generate() {
        return generate;
    }

    public String source() {
        return source;
    }

    /** 1-based line of the document's first key. */
    public int line() {
        return line;
    }

    @Override
    public String toString() {
        return "SigmaCorrelation[" + name() + " " + id() + " " + type.label() + " (" + source + ":" + line + ")]";
    }
}
