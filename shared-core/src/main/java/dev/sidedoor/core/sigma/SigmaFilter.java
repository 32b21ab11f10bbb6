package dev.sidedoor.core.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A Sigma filter (sigma-filters-specification v2): exclusions kept apart from the rules they apply to, so a team can
 * share one set across Sigma tools. As pySigma applies them, a rule the filter names (by id, name or title; or every
 * rule of its logsource with {@code rules: any}) matches only when the filter's condition also holds: its condition
 * says what to keep. sidedoor never drops a finding for it: the finding is kept, marked suppressed by the filter.
 * Immutable and thread-safe.
 */
public final class SigmaFilter {

    private final String id;
    private final String title;
    private final String description;
    private final LogSource logsource;
    /** Rule ids, names or titles; empty means every rule of the logsource. */
    private final List<String> rules;
    private final DocMatcher condition;
    private final String source;
    private final int line;

    private SigmaFilter(String id, String title, String description, LogSource logsource, List<String> rules,
            DocMatcher condition, String source, int line) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.logsource = logsource;
        this.rules = List.copyOf(rules);
        this.condition = condition;
        this.source = source;
        this.line = line;
    }

    /** The filter documents of a file; any other kind of document is an error naming file and line. */
    public static List<SigmaFilter> parse(String yamlText, String source) throws SigmaException {
        YamlSupport yaml = new YamlSupport(source);
        RuleBuilder builder = new RuleBuilder(yaml);
        List<SigmaFilter> out = new ArrayList<>();
        for (Node document : yaml.compose(yamlText)) {
            out.add(build(yaml, builder, document, source));
        }
        return out;
    }

    private static SigmaFilter build(YamlSupport yaml, RuleBuilder builder, Node document, String source)
            throws SigmaException {
        if (!(document instanceof MappingNode root)) {
            throw yaml.error(document, "a Sigma filter must be a YAML map, not a " + YamlSupport.kind(document));
        }
        Map<String, YamlSupport.Entry> byKey = new java.util.LinkedHashMap<>();
        for (YamlSupport.Entry e : yaml.entries(root)) {
            byKey.put(e.key(), e);
        }
        int line = YamlSupport.line(root);
        if (byKey.containsKey("detection")) {
            throw yaml.error(byKey.get("detection").keyNode(), "a detection rule, not a Sigma filter: load it "
                    + "with --rules");
        }
        YamlSupport.Entry filter = byKey.get("filter");
        if (filter == null || !(filter.value() instanceof MappingNode block)) {
            throw yaml.error(filter == null ? root : filter.value(), "a Sigma filter needs a 'filter' map with "
                    + "rules, selections and a condition");
        }
        String title = builder.text(byKey, "title");
        if (title == null || title.isBlank()) {
            throw yaml.error(root, "the filter has no title");
        }
        if (!byKey.containsKey("logsource")) {
            throw yaml.error(root, "the filter has no logsource (the specification makes it mandatory)");
        }
        List<String> rules = new ArrayList<>();
        YamlSupport.Entry rulesEntry = null;
        for (YamlSupport.Entry e : yaml.entries(block)) {
            if (e.key().equals("rules")) {
                rulesEntry = e;
            }
        }
        if (rulesEntry == null) {
            throw yaml.error(filter.keyNode(), "the filter names no rules (list rule ids or names, or 'any')");
        }
        if (rulesEntry.value() instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                String r = item instanceof ScalarNode ? yaml.text(item, "a rule reference") : null;
                if (r == null || r.isBlank()) {
                    throw yaml.error(item, "each entry of rules must be a rule id, name or title");
                }
                rules.add(r.strip());
            }
        } else {
            String r = yaml.text(rulesEntry.value(), "rules");
            if (r == null || r.isBlank()) {
                throw yaml.error(rulesEntry.value(), "rules must be a rule id, name or title, a list, or 'any'");
            }
            if (!r.equalsIgnoreCase("any") && !r.equalsIgnoreCase("all")) {
                rules.add(r.strip());
            }
        }
        DocMatcher condition = new DetectionCompiler(yaml).compile(filter.keyNode(), block, java.util.Set.of("rules"));
        String id = builder.text(byKey, "id");
        return new SigmaFilter(id == null || id.isBlank() ? title : id.strip(), title.strip(),
                builder.text(byKey, "description"), builder.logsourceOf(byKey), rules, condition, source, line);
    }

    /** Whether this filter applies to the rule: its logsource is within the filter's, and the filter names it. */
    public boolean appliesTo(SigmaRule rule) {
        LogSource r = rule.logsource();
        if (!within(logsource.product(), r.product()) || !within(logsource.service(), r.service())
                || !within(logsource.category(), r.category())) {
            return false;
        }
        return rules.isEmpty() || rules.stream().anyMatch(ref -> ref.equals(rule.id())
                || ref.equalsIgnoreCase(rule.name()) || ref.equalsIgnoreCase(rule.title()));
    }

    private static boolean within(String filterValue, String ruleValue) {
        return filterValue == null || filterValue.equals(ruleValue);
    }

    /** Whether the event is kept: the filter's condition holds for it. */
    public boolean keeps(SigmaDocument doc) {
        return condition.matches(doc);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    @Override
    public String toString() {
        return "SigmaFilter[" + id + " " + source + ":" + line + "]";
    }
}
