package dev.sidedoor.core.sigma;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Builds one {@link SigmaRule} from one YAML document: metadata, logsource, extra keys, compiled detection. */
final class RuleBuilder {

    /** Keys with a typed accessor on SigmaRule; everything else goes to {@link SigmaRule#extra()}. */
    private static final Set<String> KNOWN = Set.of("id", "title", "status", "description", "level", "tags",
            "falsepositives", "references", "author", "logsource", "detection");

    private final YamlSupport yaml;

    RuleBuilder(YamlSupport yaml) {
        this.yaml = yaml;
    }

    SigmaRule build(Node document, String name) throws SigmaException {
        if (!(document instanceof MappingNode root)) {
            throw yaml.error(document, "a Sigma rule must be a YAML map, not a " + YamlSupport.kind(document));
        }
        List<YamlSupport.Entry> entries = yaml.entries(root);
        int line = entries.isEmpty() ? YamlSupport.line(root) : YamlSupport.line(entries.get(0).keyNode());
        Map<String, YamlSupport.Entry> byKey = new LinkedHashMap<>();
        for (YamlSupport.Entry e : entries) {
            byKey.put(e.key(), e);
        }
        rejectOtherDocumentKinds(byKey);

        YamlSupport.Entry title = byKey.get("title");
        String titleText = title == null ? null : yaml.text(title.value(), "title");
        if (titleText == null || titleText.isBlank()) {
            throw title == null
                    ? yaml.error(line, "the rule has no title")
                    : yaml.error(title.value(), "the title is empty");
        }
        YamlSupport.Entry detection = byKey.get("detection");
        if (detection == null) {
            throw yaml.error(line, "the rule has no detection");
        }
        DetectionCompiler compiler = new DetectionCompiler(yaml);
        DocMatcher matcher = compiler.compile(detection.keyNode(), detection.value());

        return new SigmaRule(metadata(byKey, name, titleText), logsource(byKey), yaml.source(), line,
                extra(entries), matcher, compiler.literals().freeze());
    }

    /** The descriptive keys every Sigma document kind shares (id, status, level, tags...). */
    SigmaRule.Metadata metadata(Map<String, YamlSupport.Entry> byKey, String name, String title)
            throws SigmaException {
        String id = text(byKey, "id");
        String level = oneOf(byKey, "level", LEVELS);
        return new SigmaRule.Metadata(
                id == null || id.isBlank() ? name : id,
                name,
                title,
                oneOf(byKey, "status", STATUSES),
                text(byKey, "description"),
                level == null ? null : level.toLowerCase(Locale.ROOT),
                list(byKey, "tags"),
                list(byKey, "falsepositives"),
                list(byKey, "references"),
                author(byKey));
    }

    /**
     * Filter documents (Sigma 2 meta-rules) and Sigma 1 multi-document collections are valid Sigma that this engine
     * does not evaluate; saying so beats a confusing "no detection" error or a silent skip.
     */
    private void rejectOtherDocumentKinds(Map<String, YamlSupport.Entry> byKey) throws SigmaException {
        if (byKey.containsKey("correlation")) {
            // SigmaParser sends documents with a correlation and no detection to CorrelationBuilder.
            throw yaml.error(byKey.get("correlation").keyNode(),
                    "a document is either a detection rule or a correlation rule, not both");
        }
        if (byKey.containsKey("filter") && !byKey.containsKey("detection")) {
            throw yaml.error(byKey.get("filter").keyNode(), "a Sigma filter, not a rule: list it under sigma_filters "
                    + "in the tuning file");
        }
        YamlSupport.Entry action = byKey.get("action");
        if (action != null && action.value() instanceof ScalarNode a
                && Set.of("global", "reset", "repeat").contains(a.getValue())) {
            throw yaml.error(action.keyNode(), "Sigma 1.x rule collections ('action: "
                    + a.getValue() + "') are not supported; write one rule per document");
        }
    }

    /** The specification's levels and statuses; anything else is a typo that would silently become medium. */
    static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    static final List<String> STATUSES = List.of("stable", "test", "experimental", "deprecated", "unsupported");

    private String oneOf(Map<String, YamlSupport.Entry> byKey, String key, List<String> allowed)
            throws SigmaException {
        String value = text(byKey, key);
        if (value == null) {
            return null;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw yaml.error(byKey.get(key).value(), "unknown " + key + " '" + value + "'; use one of "
                    + String.join(", ", allowed));
        }
        return lower;
    }

    String text(Map<String, YamlSupport.Entry> byKey, String key) throws SigmaException {
        YamlSupport.Entry e = byKey.get(key);
        return e == null ? null : yaml.text(e.value(), key);
    }

    /** A list of plain values; a single value is accepted as a one-element list. */
    List<String> list(Map<String, YamlSupport.Entry> byKey, String key) throws SigmaException {
        YamlSupport.Entry e = byKey.get(key);
        if (e == null) {
            return List.of();
        }
        if (e.value() instanceof ScalarNode) {
            String s = yaml.text(e.value(), key);
            return s == null ? List.of() : List.of(s);
        }
        if (!(e.value() instanceof SequenceNode seq)) {
            throw yaml.error(e.value(), key + " must be a list of plain values");
        }
        List<String> out = new ArrayList<>(seq.getValue().size());
        for (Node item : seq.getValue()) {
            String s = yaml.text(item, "each entry of " + key);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Sigma's author is a string; a list of authors (seen in the wild) is joined rather than rejected. */
    private String author(Map<String, YamlSupport.Entry> byKey) throws SigmaException {
        YamlSupport.Entry e = byKey.get("author");
        if (e != null && e.value() instanceof SequenceNode) {
            return String.join(", ", list(byKey, "author"));
        }
        return text(byKey, "author");
    }

    LogSource logsourceOf(Map<String, YamlSupport.Entry> byKey) throws SigmaException {
        return logsource(byKey);
    }

    private LogSource logsource(Map<String, YamlSupport.Entry> byKey) throws SigmaException {
        YamlSupport.Entry e = byKey.get("logsource");
        if (e == null || (e.value() instanceof ScalarNode s && yaml.scalar(s).type() == YamlSupport.Scalar.Type.NULL)) {
            return LogSource.NONE;
        }
        if (!(e.value() instanceof MappingNode m)) {
            throw yaml.error(e.value(), "logsource must be a map (product, service, category)");
        }
        String product = null;
        String service = null;
        String category = null;
        for (YamlSupport.Entry f : yaml.entries(m)) {
            switch (f.key()) {
                case "product" -> product = yaml.text(f.value(), "logsource product");
                case "service" -> service = yaml.text(f.value(), "logsource service");
                case "category" -> category = yaml.text(f.value(), "logsource category");
                default -> {
                    // definition and custom keys describe the source for people; routing does not use them.
                }
            }
        }
        return new LogSource(product, service, category);
    }

    Map<String, Object> extra(List<YamlSupport.Entry> entries) throws SigmaException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (YamlSupport.Entry e : entries) {
            if (!KNOWN.contains(e.key())) {
                out.put(e.key(), yaml.toJava(e.value()));
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
