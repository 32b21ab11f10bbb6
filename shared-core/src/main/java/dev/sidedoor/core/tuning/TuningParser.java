package dev.sidedoor.core.tuning;

import dev.sidedoor.core.baseline.Baselines;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.match.Cidr;
import dev.sidedoor.core.match.Glob;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a tuning file with SnakeYAML's compose API: the text becomes a node tree with line marks and nothing is
 * ever constructed from tags, so no class can be instantiated from the file. Scalars are read as the text the
 * reviewer wrote ({@code yes} stays "yes", {@code 0800} stays "0800"). Aliases to collections are capped, nesting is
 * bounded, merge keys ({@code <<}) are not expanded (and are rejected as unknown keys).
 */
final class TuningParser {

    static final int MAX_CHARS = 4 * 1024 * 1024;
    private static final int MAX_ALIASES = 10;
    private static final int MAX_NESTING = 16;
    private static final int MAX_PATTERN = 4096;
    private static final int MAX_ID = 100;

    private static final List<String> TOP_KEYS = List.of("suppressions", "trusted_networks", "sensitive_targets",
            "baseline", "sigma_filters");
    private static final List<String> BASELINE_KEYS = List.of("learning_days", "history_days", "routine_days",
            "always_notify");
    private static final List<String> SUPPRESSION_KEYS = List.of("id", "rule", "match", "reason", "expires");
    private static final List<String> NETWORK_KEYS = List.of("name", "cidr", "cidrs");
    private static final List<String> TARGET_KEYS = List.of("name", "target");
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.TIMESTAMP, Tag.NULL);

    record Parsed(List<Suppression> suppressions, List<TrustedNetwork> trustedNetworks,
                  List<SensitiveTarget> sensitiveTargets, Baselines.Settings baseline,
                  List<dev.sidedoor.core.sigma.SigmaFilter> filters) {
    }

    /** A key and its value in a mapping, with the key node for its line. */
    private record Entry(ScalarNode key, Node value) {
    }

    /** A scalar value with its line. */
    private record Value(String text, Node node) {
    }

    private final String source;

    private TuningParser(String source) {
        this.source = source;
    }

    static Parsed parse(String yaml, String source) throws TuningException {
        return new TuningParser(source).parse(yaml);
    }

    private Parsed parse(String yaml) throws TuningException {
        if (yaml.length() > MAX_CHARS) {
            throw new TuningException(source, 0, "the file is larger than " + (MAX_CHARS >> 20) + " MB");
        }
        if (yaml.startsWith("\uFEFF")) {
            yaml = yaml.substring(1);
        }
        Node root = compose(yaml);
        if (root == null || isNull(root)) {
            return new Parsed(List.of(), List.of(), List.of(), Baselines.Settings.DEFAULTS, List.of());
        }
        MappingNode top = mapping(root, "the tuning file (expected keys: " + String.join(", ", TOP_KEYS) + ")");
        Map<String, Entry> e = entries(top, TOP_KEYS, "the top level");
        List<Suppression> suppressions = new ArrayList<>();
        List<TrustedNetwork> networks = new ArrayList<>();
        List<SensitiveTarget> targets = new ArrayList<>();
        // Each entry is checked on its own, so a reviewer sees every broken entry at once, not one per run.
        List<TuningException> errors = new ArrayList<>();
        if (e.containsKey("suppressions")) {
            Map<String, Integer> ids = new HashMap<>();
            for (MappingNode item : items(e.get("suppressions"), "suppressions")) {
                collect(errors, () -> suppressions.add(suppression(item, ids)));
            }
        }
        if (e.containsKey("trusted_networks")) {
            for (MappingNode item : items(e.get("trusted_networks"), "trusted_networks")) {
                collect(errors, () -> networks.add(trustedNetwork(item)));
            }
        }
        if (e.containsKey("sensitive_targets")) {
            for (MappingNode item : items(e.get("sensitive_targets"), "sensitive_targets")) {
                collect(errors, () -> targets.add(sensitiveTarget(item)));
            }
        }
        Baselines.Settings[] baseline = {Baselines.Settings.DEFAULTS};
        if (e.containsKey("baseline")) {
            collect(errors, () -> baseline[0] = baseline(e.get("baseline").value()));
        }
        List<dev.sidedoor.core.sigma.SigmaFilter> filters = new ArrayList<>();
        if (e.containsKey("sigma_filters")) {
            for (Value v : values(e.get("sigma_filters").value(), "sigma_filters")) {
                collect(errors, () -> filters.addAll(SigmaFilters.load(v.text().trim(), source, line(v.node()))));
            }
        }
        if (!errors.isEmpty()) {
            throw combined(errors);
        }
        return new Parsed(List.copyOf(suppressions), List.copyOf(networks), List.copyOf(targets), baseline[0],
                List.copyOf(filters));
    }

    @FunctionalInterface
    private interface Check {
        void run() throws TuningException;
    }

    private static void collect(List<TuningException> errors, Check check) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        try {
            check.run();
        } catch (TuningException e) {
            errors.add(e);
        }
    }

    /** At most this many errors are listed; a file broken throughout needs fixing from the first anyway. */
    static final int MAX_ERRORS = 20;

    /** The first error as the exception (its line and reason), every error in the message, one per line. */
    private TuningException combined(List<TuningException> errors) {
        TuningException first = errors.get(0);
        if (errors.size() == 1) {
            return first;
        }
        StringBuilder b = new StringBuilder(first.reason());
        for (TuningException other : errors.subList(1, errors.size())) {
            b.append('\n').append(other.getMessage());
        }
        return new TuningException(first.source(), first.line(), b.toString(), first);
    }

    /** The {@code baseline:} section: learning period, history window, routine threshold, rules always notified. */
    private Baselines.Settings baseline(Node n) throws TuningException {
        MappingNode m = mapping(n, "baseline");
        Map<String, Entry> e = entries(m, BASELINE_KEYS, "baseline");
        Baselines.Settings d = Baselines.Settings.DEFAULTS;
        int learning = days(e, "learning_days", d.learningDays(), 0, 90);
        int history = days(e, "history_days", d.historyDays(), 7, 400);
        int routine = days(e, "routine_days", d.routineDays(), 1, 30);
        if (routine >= history) {
            throw error(m, "baseline: routine_days (" + routine + ") must be less than history_days (" + history + ")");
        }
        List<String> always = new ArrayList<>();
        if (e.containsKey("always_notify")) {
            for (Value v : values(e.get("always_notify").value(), "baseline: always_notify")) {
                always.add(v.text().trim());
            }
        }
        return new Baselines.Settings(learning, history, routine, always);
    }

    private int days(Map<String, Entry> e, String key, int fallback, int min, int max) throws TuningException {
        Entry entry = e.get(key);
        if (entry == null) {
            return fallback;
        }
        String text = scalar(entry.value(), "baseline: " + key);
        try {
            int v = Integer.parseInt(text == null ? "" : text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw error(entry.value(), "baseline: " + key + " is '" + text + "'; expected a whole number of days from "
                + min + " to " + max);
    }

    private Node compose(String yaml) throws TuningException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CHARS);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (MarkedYAMLException ex) {
            Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
            String problem = ex.getProblem() != null ? ex.getProblem() : ex.getMessage();
            if (ex.getContext() != null && ex.getProblem() != null) {
                Mark ctx = ex.getContextMark();
                String where = ctx != null && mark != null && ctx.getLine() != mark.getLine()
                        ? " (from line " + (ctx.getLine() + 1) + ")" : "";
                problem = ex.getContext() + where + ": " + ex.getProblem();
            }
            throw new TuningException(source, mark == null ? 0 : mark.getLine() + 1,
                    "invalid YAML: " + oneLine(problem), ex);
        } catch (YAMLException ex) {
            throw new TuningException(source, 0, "invalid YAML: " + oneLine(ex.getMessage()), ex);
        }
    }

    // ---- entries -------------------------------------------------------------------------------------------

    private Suppression suppression(MappingNode node, Map<String, Integer> ids) throws TuningException {
        Map<String, Entry> e = entries(node, SUPPRESSION_KEYS, "a suppression");
        Value idValue = required(node, e, "id", "a suppression");
        String id = idValue.text().trim();
        if (id.length() > MAX_ID || !validId(id)) {
            throw error(idValue.node(), "suppression id '" + id + "' must be 1-" + MAX_ID
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Integer first = ids.putIfAbsent(id, line(idValue.node()));
        if (first != null) {
            throw error(idValue.node(), "duplicate suppression id '" + id + "' (first used at line " + first + ")");
        }
        String where = "suppression '" + id + "'";

        if (!e.containsKey("rule")) {
            throw error(node, where + " is missing 'rule' (a glob over rule name, id or title)");
        }
        List<ValueMatcher> rules = new ArrayList<>();
        for (Value v : values(e.get("rule").value(), where + ": rule")) {
            rules.add(pattern(v, () -> ValueMatcher.glob(v.text())));
        }

        List<Suppression.Condition> conditions = new ArrayList<>();
        if (e.containsKey("match")) {
            Node matchNode = e.get("match").value();
            if (isNull(matchNode)) {
                throw error(matchNode, where + ": match is empty; list fields to match, or remove 'match' to "
                        + "suppress every finding of the rule");
            }
            MappingNode m = mapping(matchNode, where + ": match (field: value(s))");
            if (m.getValue().isEmpty()) {
                throw error(m, where + ": match is empty; list fields to match, or remove 'match' to suppress "
                        + "every finding of the rule");
            }
            Map<String, Entry> fields = entries(m, null, where + " match");
            for (Map.Entry<String, Entry> fe : fields.entrySet()) {
                FindingField field = FindingField.of(fe.getKey());
                if (field == null) {
                    throw error(fe.getValue().key(), "unknown field '" + fe.getKey() + "' in match of " + where
                            + "; fields: " + String.join(", ", FindingField.NAMES) + ", context.<key>");
                }
                List<ValueMatcher> anyOf = new ArrayList<>();
                for (Value v : values(fe.getValue().value(), where + ": match " + fe.getKey())) {
                    anyOf.add(pattern(v, () -> fieldMatcher(field, v.text())));
                }
                conditions.add(new Suppression.Condition(field, anyOf));
            }
        }

        Value reason = required(node, e, "reason", where);
        if (reason.text().isBlank()) {
            throw error(reason.node(), where + ": reason is blank; say why these findings are expected "
                    + "(ticket, owner)");
        }

        if (!e.containsKey("expires")) {
            throw error(node, where + " is missing 'expires' (YYYY-MM-DD; every suppression must end)");
        }
        Node expiresNode = e.get("expires").value();
        String expiresText = scalar(expiresNode, where + ": expires");
        if (expiresText == null || expiresText.isBlank()) {
            throw error(expiresNode, where + ": expires is empty; write a date as YYYY-MM-DD");
        }
        LocalDate expires;
        try {
            expires = LocalDate.parse(expiresText.trim(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException ex) {
            throw error(expiresNode, where + ": expires '" + expiresText + "' is not a date; write YYYY-MM-DD");
        }
        return new Suppression(id, rules, conditions, reason.text().trim(), expires, line(node));
    }

    private TrustedNetwork trustedNetwork(MappingNode node) throws TuningException {
        Map<String, Entry> e = entries(node, NETWORK_KEYS, "a trusted network");
        String name = name(node, e, "a trusted network");
        String where = "trusted network '" + name + "'";
        if (e.containsKey("cidr") && e.containsKey("cidrs")) {
            throw error(e.get("cidrs").key(), where + ": use either cidr or cidrs, not both");
        }
        Entry c = e.containsKey("cidr") ? e.get("cidr") : e.get("cidrs");
        if (c == null) {
            throw error(node, where + " is missing 'cidr' (or 'cidrs': a list)");
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (Value v : values(c.value(), where + ": " + c.key().getValue())) {
            try {
                cidrs.add(Cidr.parse(v.text()));
            } catch (IllegalArgumentException ex) {
                throw error(v.node(), where + ": " + ex.getMessage());
            }
        }
        return new TrustedNetwork(name, cidrs, line(node));
    }

    private SensitiveTarget sensitiveTarget(MappingNode node) throws TuningException {
        Map<String, Entry> e = entries(node, TARGET_KEYS, "a sensitive target");
        String name = name(node, e, "a sensitive target");
        String where = "sensitive target '" + name + "'";
        if (!e.containsKey("target")) {
            throw error(node, where + " is missing 'target' (a glob over the finding's target; may be a list)");
        }
        List<ValueMatcher> targets = new ArrayList<>();
        for (Value v : values(e.get("target").value(), where + ": target")) {
            targets.add(pattern(v, () -> ValueMatcher.compile(v.text(), false)));
        }
        return new SensitiveTarget(name, targets, line(node));
    }

    private String name(MappingNode node, Map<String, Entry> e, String what) throws TuningException {
        Value name = required(node, e, "name", what);
        if (name.text().isBlank()) {
            throw error(name.node(), what + " has a blank name");
        }
        return name.text().trim();
    }

    private static ValueMatcher fieldMatcher(FindingField field, String text) {
        if (field.isSeverity() && !Glob.hasWildcards(text)) {
            return ValueMatcher.glob(Severity.parse(text).label());
        }
        return ValueMatcher.compile(text, field.isAddress());
    }

    private interface MatcherFactory {
        ValueMatcher make();
    }

    private ValueMatcher pattern(Value v, MatcherFactory factory) throws TuningException {
        if (v.text().length() > MAX_PATTERN) {
            throw error(v.node(), "value is longer than " + MAX_PATTERN + " characters");
        }
        try {
            return factory.make();
        } catch (IllegalArgumentException ex) {
            throw error(v.node(), ex.getMessage());
        }
    }

    private static boolean validId(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    // ---- node helpers --------------------------------------------------------------------------------------

    private List<MappingNode> items(Entry section, String name) throws TuningException {
        Node n = section.value();
        if (isNull(n)) {
            return List.of();
        }
        if (!(n instanceof SequenceNode seq)) {
            throw error(n, name + " must be a list (each item starting with '- ')");
        }
        checkTag(n, Tag.SEQ);
        List<MappingNode> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(mapping(item, "each item of " + name));
        }
        return out;
    }

    private MappingNode mapping(Node n, String what) throws TuningException {
        if (!(n instanceof MappingNode m)) {
            throw error(n, what + " must be a mapping of key: value");
        }
        checkTag(n, Tag.MAP);
        return m;
    }

    /** Keys of a mapping in file order; unknown (when {@code allowed} is given) and duplicate keys are errors. */
    private Map<String, Entry> entries(MappingNode m, List<String> allowed, String where) throws TuningException {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key) || isNull(key)) {
                throw error(t.getKeyNode(), "keys in " + where + " must be plain names");
            }
            String k = key.getValue();
            if (allowed != null && !allowed.contains(k)) {
                throw error(key, "unknown key '" + k + "' in " + where + "; expected one of: "
                        + String.join(", ", allowed));
            }
            Entry prev = out.putIfAbsent(k, new Entry(key, t.getValueNode()));
            if (prev != null) {
                throw error(key, "duplicate key '" + k + "' in " + where + " (first at line " + line(prev.key()) + ")");
            }
        }
        return out;
    }

    private Value required(MappingNode node, Map<String, Entry> e, String key, String what) throws TuningException {
        Entry entry = e.get(key);
        if (entry == null) {
            throw error(node, what + " is missing '" + key + "'");
        }
        String text = scalar(entry.value(), what + ": " + key);
        if (text == null) {
            throw error(entry.value(), what + ": " + key + " is empty");
        }
        return new Value(text, entry.value());
    }

    /** The text of a scalar, or null for a YAML null (empty value, {@code ~}, {@code null}). */
    private String scalar(Node n, String what) throws TuningException {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, what + " must be a single value, not a " + (n instanceof SequenceNode ? "list" : "mapping"));
        }
        if (isNull(n)) {
            return null;
        }
        if (!SCALAR_TAGS.contains(s.getTag())) {
            throw error(n, what + ": unsupported YAML tag " + s.getTag().getValue());
        }
        return s.getValue();
    }

    /** One value or a non-empty list of values; no nulls. */
    private List<Value> values(Node n, String what) throws TuningException {
        List<Value> out = new ArrayList<>();
        if (n instanceof SequenceNode seq) {
            checkTag(n, Tag.SEQ);
            if (seq.getValue().isEmpty()) {
                throw error(n, what + " is an empty list");
            }
            for (Node item : seq.getValue()) {
                String text = scalar(item, what);
                if (text == null || text.isEmpty()) {
                    throw error(item, what + " has an empty value; write \"*\" to match any value");
                }
                out.add(new Value(text, item));
            }
            return out;
        }
        String text = scalar(n, what);
        if (text == null || text.isEmpty()) {
            throw error(n, what + " is empty");
        }
        out.add(new Value(text, n));
        return out;
    }

    private void checkTag(Node n, Tag expected) throws TuningException {
        if (!expected.equals(n.getTag())) {
            throw error(n, "unsupported YAML tag " + n.getTag().getValue());
        }
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private TuningException error(Node n, String reason) {
        return new TuningException(source, line(n), reason);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
