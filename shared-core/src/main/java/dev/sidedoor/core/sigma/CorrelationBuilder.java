package dev.sidedoor.core.sigma;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds one {@link SigmaCorrelation} from a YAML document with a {@code correlation} section, refusing what the
 * specification refuses (a missing group-by or timespan, an unknown type, a condition that can never hold) with
 * the line to fix. References to other rules are checked later, once every rule is loaded.
 */
final class CorrelationBuilder {

    /** The specification's limit. */
    static final int MAX_TITLE = 256;
    /** Rule text is untrusted: bounded lists keep a correlation's evaluation state and error messages small. */
    static final int MAX_RULES = 64;
    static final int MAX_GROUP_BY = 16;
    static final int MAX_ALIASES = 64;
    static final int MAX_NAME = 256;
    /** A year: longer windows would only keep a scan's findings in memory for nothing. */
    static final long MAX_TIMESPAN_MILLIS = 366L * 24 * 3600 * 1000;
    /** Counts beyond this are no threshold any scan reaches; the cap keeps arithmetic far from overflow. */
    static final long MAX_COUNT = 1_000_000_000L;

    private static final Set<String> KEYS = Set.of("type", "rules", "group-by", "timespan", "condition", "aliases",
            "generate");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Set<String> LATER_TYPES = Set.of("value_sum", "value_avg", "value_percentile",
            "value_median");

    private final YamlSupport yaml;
    private final RuleBuilder rules;

    CorrelationBuilder(YamlSupport yaml, RuleBuilder rules) {
        this.yaml = yaml;
        this.rules = rules;
    }

    SigmaCorrelation build(MappingNode root, String name) throws SigmaException {
        List<YamlSupport.Entry> entries = yaml.entries(root);
        int line = entries.isEmpty() ? YamlSupport.line(root) : YamlSupport.line(entries.get(0).keyNode());
        Map<String, YamlSupport.Entry> top = byKey(entries);
        String title = title(top, line);
        SigmaRule.Metadata meta = rules.metadata(top, name, title);
        if (meta.level() != null && !LEVELS.contains(meta.level())) {
            throw yaml.error(top.get("level").value(), "unknown level '" + meta.level()
                    + "'; expected informational, low, medium, high or critical");
        }
        String sigmaName = bounded(rules.text(top, "name"), top.get("name"), "name");
        YamlSupport.Entry section = top.get("correlation");
        if (!(section.value() instanceof MappingNode m)) {
            throw yaml.error(section.value(), "correlation must be a map (type, rules, group-by, timespan, condition)");
        }
        Map<String, YamlSupport.Entry> c = byKey(yaml.entries(m));
        for (YamlSupport.Entry e : c.values()) {
            if (!KEYS.contains(e.key())) {
                throw yaml.error(e.keyNode(), "unknown key '" + e.key() + "' in correlation; expected type, rules, "
                        + "group-by, timespan, condition, aliases or generate");
            }
        }
        int sectionLine = YamlSupport.line(section.keyNode());
        SigmaCorrelation.Type type = type(c.get("type"), sectionLine);
        List<SigmaCorrelation.Reference> refs = references(c.get("rules"), sectionLine);
        List<String> groupBy = groupBy(c.get("group-by"), sectionLine);
        YamlSupport.Entry span = c.get("timespan");
        if (span == null) {
            throw yaml.error(sectionLine, "the correlation has no timespan (e.g. 1h, 15m, 30s, 1d)");
        }
        String spanText = yaml.text(span.value(), "timespan");
        long spanMillis = Timespans.millis(spanText);
        if (spanMillis <= 0 || spanMillis > MAX_TIMESPAN_MILLIS) {
            throw yaml.error(span.value(), spanMillis > MAX_TIMESPAN_MILLIS
                    ? "timespan '" + SigmaException.clip(spanText) + "' is longer than a year"
                    : "timespan '" + (spanText == null ? "" : SigmaException.clip(spanText)) + "' is not a number "
                            + "and a lower-case unit s, m, h or d (e.g. 90m)");
        }
        ConditionReader.Read cond = new ConditionReader(yaml).read(c.get("condition"), type, refs.size(),
                sectionLine);
        List<SigmaCorrelation.Alias> aliases = aliases(c.get("aliases"));
        boolean generate = generate(top.get("generate"), c.get("generate"));
        return new SigmaCorrelation(meta, sigmaName, type, refs, groupBy, spanText, spanMillis, cond.condition(),
                cond.field(), aliases, generate, yaml.source(), line, rules.extra(entries));
    }

    private Map<String, YamlSupport.Entry> byKey(List<YamlSupport.Entry> entries) {
        Map<String, YamlSupport.Entry> out = new LinkedHashMap<>();
        for (YamlSupport.Entry e : entries) {
            out.put(e.key(), e);
        }
        return out;
    }

    private String title(Map<String, YamlSupport.Entry> top, int line) throws SigmaException {
        YamlSupport.Entry title = top.get("title");
        String text = title == null ? null : yaml.text(title.value(), "title");
        if (text == null || text.isBlank()) {
            throw title == null ? yaml.error(line, "the correlation rule has no title")
                    : yaml.error(title.value(), "the title is empty");
        }
        if (text.length() > MAX_TITLE) {
            throw yaml.error(title.value(), "the title is " + text.length() + " characters; at most " + MAX_TITLE);
        }
        return text;
    }

    private SigmaCorrelation.Type type(YamlSupport.Entry e, int sectionLine) throws SigmaException {
        if (e == null) {
            throw yaml.error(sectionLine, "the correlation has no type (event_count, value_count, temporal or "
                    + "temporal_ordered)");
        }
        String t = yaml.text(e.value(), "type");
        for (SigmaCorrelation.Type known : SigmaCorrelation.Type.values()) {
            if (known.label().equals(t)) {
                return known;
            }
        }
        String shown = t == null ? "" : SigmaException.clip(t);
        if (t != null && LATER_TYPES.contains(t)) {
            throw yaml.error(e.value(), "correlation type '" + shown + "' is a later Sigma extension sidedoor does "
                    + "not evaluate; Sigma 2.0 has event_count, value_count, temporal and temporal_ordered");
        }
        throw yaml.error(e.value(), "unknown correlation type '" + shown + "'; expected event_count, value_count, "
                + "temporal or temporal_ordered");
    }

    private List<SigmaCorrelation.Reference> references(YamlSupport.Entry e, int sectionLine)
            throws SigmaException {
        if (e == null) {
            throw yaml.error(sectionLine, "the correlation has no rules to correlate");
        }
        List<Node> items = items(e.value(), "rules", MAX_RULES);
        List<SigmaCorrelation.Reference> out = new ArrayList<>(items.size());
        Set<String> seen = new HashSet<>();
        for (Node item : items) {
            String ref = nonBlank(item, "each entry of rules");
            if (!seen.add(ref)) {
                throw yaml.error(item, "rule '" + ref + "' is listed twice");
            }
            out.add(new SigmaCorrelation.Reference(ref, YamlSupport.line(item)));
        }
        return out;
    }

    private List<String> groupBy(YamlSupport.Entry e, int sectionLine) throws SigmaException {
        if (e == null) {
            throw yaml.error(sectionLine, "the correlation has no group-by (the fields that must be equal, e.g. "
                    + "the user or the host)");
        }
        List<Node> items = items(e.value(), "group-by", MAX_GROUP_BY);
        List<String> out = new ArrayList<>(items.size());
        for (Node item : items) {
            String field = nonBlank(item, "each entry of group-by");
            if (out.contains(field)) {
                throw yaml.error(item, "group-by field '" + field + "' is listed twice");
            }
            out.add(field);
        }
        return out;
    }

    /** A non-empty list of scalars, or one scalar as a one-element list. */
    private List<Node> items(Node value, String what, int max) throws SigmaException {
        List<Node> items;
        if (value instanceof ScalarNode) {
            items = List.of(value);
        } else if (value instanceof SequenceNode seq) {
            items = seq.getValue();
        } else {
            throw yaml.error(value, what + " must be a list of names, not a " + YamlSupport.kind(value));
        }
        if (items.isEmpty() || items.size() == 1 && yaml.text(items.get(0), what) == null) {
            throw yaml.error(value, what + " is empty");
        }
        if (items.size() > max) {
            throw yaml.error(value, what + " lists " + items.size() + " entries; at most " + max);
        }
        return items;
    }

    private String nonBlank(Node item, String what) throws SigmaException {
        String s = yaml.text(item, what);
        if (s == null || s.isBlank()) {
            throw yaml.error(item, what + " must be a non-empty name");
        }
        if (s.length() > MAX_NAME) {
            throw yaml.error(item, what + " is " + s.length() + " characters; at most " + MAX_NAME);
        }
        return s;
    }

    private String bounded(String s, YamlSupport.Entry at, String what) throws SigmaException {
        if (s != null && s.length() > MAX_NAME) {
            throw yaml.error(at.value(), what + " is " + s.length() + " characters; at most " + MAX_NAME);
        }
        return s;
    }

    private List<SigmaCorrelation.Alias> aliases(YamlSupport.Entry e) throws SigmaException {
        if (e == null) {
            return List.of();
        }
        if (!(e.value() instanceof MappingNode m)) {
            throw yaml.error(e.value(), "aliases must be a map: alias name -> (rule name -> field)");
        }
        List<YamlSupport.Entry> entries = yaml.entries(m);
        if (entries.size() > MAX_ALIASES) {
            throw yaml.error(e.value(), "aliases defines " + entries.size() + " names; at most " + MAX_ALIASES);
        }
        List<SigmaCorrelation.Alias> out = new ArrayList<>(entries.size());
        for (YamlSupport.Entry alias : entries) {
            if (alias.key().isBlank() || alias.key().length() > MAX_NAME) {
                throw yaml.error(alias.keyNode(), "alias names must be 1 to " + MAX_NAME + " characters");
            }
            if (!(alias.value() instanceof MappingNode fields)) {
                throw yaml.error(alias.value(), "alias '" + alias.key() + "' must map rule names to field names");
            }
            Map<SigmaCorrelation.Reference, String> map = new LinkedHashMap<>();
            List<YamlSupport.Entry> pairs = yaml.entries(fields);
            if (pairs.isEmpty() || pairs.size() > MAX_RULES) {
                throw yaml.error(alias.value(), "alias '" + alias.key() + "' must map 1 to " + MAX_RULES + " rules");
            }
            for (YamlSupport.Entry pair : pairs) {
                String field = nonBlank(pair.value(), "the field of alias '" + alias.key() + "'");
                map.put(new SigmaCorrelation.Reference(pair.key(), YamlSupport.line(pair.keyNode())), field);
            }
            out.add(new SigmaCorrelation.Alias(alias.key(), map));
        }
        return out;
    }

    /**
     * The specification puts {@code generate} beside {@code level}; pySigma reads it inside {@code correlation}.
     * Both places are accepted; saying two different things is an error.
     */
    private boolean generate(YamlSupport.Entry top, YamlSupport.Entry inner) throws SigmaException {
        Boolean a = top == null ? null : bool(top.value());
        Boolean b = inner == null ? null : bool(inner.value());
        if (a != null && b != null && !a.equals(b)) {
            throw yaml.error(inner.value(), "generate is " + a + " at the top and " + b + " in correlation");
        }
        return a != null ? a : b != null && b;
    }

    private Boolean bool(Node n) throws SigmaException {
        if (n instanceof ScalarNode && yaml.scalar(n).type() == YamlSupport.Scalar.Type.BOOLEAN) {
            return Boolean.valueOf(yaml.scalar(n).text());
        }
        throw yaml.error(n, "generate must be true or false");
    }

    /** Reads {@code condition}: a map of gt / gte / lt / lte / eq (and {@code field} for value_count). */
    private static final class ConditionReader {
        private final YamlSupport yaml;

        ConditionReader(YamlSupport yaml) {
            this.yaml = yaml;
        }

        record Read(SigmaCorrelation.Condition condition, String field) {
        }

        Read read(YamlSupport.Entry e, SigmaCorrelation.Type type, int ruleCount, int sectionLine)
                throws SigmaException {
            boolean temporal = type == SigmaCorrelation.Type.TEMPORAL
                    || type == SigmaCorrelation.Type.TEMPORAL_ORDERED;
            if (e == null) {
                if (temporal) {
                    // The specification's temporal examples have no condition: every referenced rule must match.
                    return new Read(new SigmaCorrelation.Condition(ruleCount, Long.MAX_VALUE, "all " + ruleCount
                            + " rules"), null);
                }
                throw yaml.error(sectionLine, "a " + type.label() + " correlation needs a condition (e.g. gte: 5)");
            }
            if (e.value() instanceof ScalarNode) {
                throw yaml.error(e.value(), "the condition must be a map of gt, gte, lt, lte or eq; boolean "
                        + "conditions over rule names are a later Sigma extension sidedoor does not evaluate");
            }
            if (!(e.value() instanceof MappingNode m)) {
                throw yaml.error(e.value(), "the condition must be a map of gt, gte, lt, lte or eq");
            }
            long min = 0;
            long max = Long.MAX_VALUE;
            String lower = null;
            String upper = null;
            String field = null;
            List<String> text = new ArrayList<>(2);
            for (YamlSupport.Entry op : yaml.entries(m)) {
                switch (op.key()) {
                    case "field" -> {
                        if (type != SigmaCorrelation.Type.VALUE_COUNT) {
                            throw yaml.error(op.keyNode(), "field is only for value_count correlations");
                        }
                        if (op.value() instanceof SequenceNode) {
                            throw yaml.error(op.value(), "value_count counts the values of one field, not a list");
                        }
                        field = yaml.text(op.value(), "field");
                        if (field == null || field.isBlank() || field.length() > MAX_NAME) {
                            throw yaml.error(op.value(), "field must be a field name of 1 to " + MAX_NAME
                                    + " characters");
                        }
                    }
                    case "gt", "gte" -> {
                        if ("eq".equals(lower)) {
                            throw yaml.error(op.keyNode(), "eq cannot be combined with another bound");
                        }
                        if (lower != null) {
                            throw yaml.error(op.keyNode(), op.key() + " and " + lower + " both set a lower bound");
                        }
                        lower = op.key();
                        long n = count(op);
                        min = op.key().equals("gt") ? n + 1 : n;
                        text.add(op.key() + " " + n);
                    }
                    case "lt", "lte" -> {
                        if ("eq".equals(upper)) {
                            throw yaml.error(op.keyNode(), "eq cannot be combined with another bound");
                        }
                        if (upper != null) {
                            throw yaml.error(op.keyNode(), op.key() + " and " + upper + " both set an upper bound");
                        }
                        upper = op.key();
                        long n = count(op);
                        max = op.key().equals("lt") ? n - 1 : n;
                        text.add(op.key() + " " + n);
                    }
                    case "eq" -> {
                        if (lower != null || upper != null) {
                            throw yaml.error(op.keyNode(), "eq cannot be combined with another bound");
                        }
                        lower = "eq";
                        upper = "eq";
                        long n = count(op);
                        min = n;
                        max = n;
                        text.add("eq " + n);
                    }
                    default -> throw yaml.error(op.keyNode(), "unknown condition '" + SigmaException.clip(op.key())
                            + "'; expected gt, gte, lt, lte or eq" + (type == SigmaCorrelation.Type.VALUE_COUNT
                                    ? " and field" : ""));
                }
            }
            if (text.isEmpty()) {
                throw yaml.error(e.value(), "the condition needs gt, gte, lt, lte or eq");
            }
            if (type == SigmaCorrelation.Type.VALUE_COUNT && field == null) {
                throw yaml.error(e.value(), "a value_count condition needs field: the field whose distinct values "
                        + "are counted");
            }
            if (min > max || max < 1 || temporal && min > ruleCount) {
                throw yaml.error(e.value(), "the condition '" + String.join(" and ", text) + "' can never be true"
                        + (temporal ? " (it counts the " + ruleCount + " referenced rules)" : ""));
            }
            return new Read(new SigmaCorrelation.Condition(min, max, String.join(" and ", text)), field);
        }

        private long count(YamlSupport.Entry op) throws SigmaException {
            if (op.value() instanceof ScalarNode) {
                YamlSupport.Scalar s = yaml.scalar(op.value());
                BigDecimal n = s.number();
                // Counts are integers in the specification; 5.0 is refused rather than guessed at.
                if (s.type() == YamlSupport.Scalar.Type.NUMBER && Tag.INT.equals(op.value().getTag())
                        && n.signum() >= 0 && n.compareTo(BigDecimal.valueOf(MAX_COUNT)) <= 0) {
                    return n.longValue();
                }
            }
            throw yaml.error(op.value(), op.key() + " must be a whole number from 0 to " + MAX_COUNT);
        }
    }
}
