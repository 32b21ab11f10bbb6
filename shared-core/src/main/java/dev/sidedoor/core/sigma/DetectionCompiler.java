package dev.sidedoor.core.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Compiles a rule's {@code detection} block: its search identifiers, then its condition over them. */
final class DetectionCompiler {

    private final YamlSupport yaml;
    private final FieldLiterals literals = new FieldLiterals();
    private final RegexBudget regexes = new RegexBudget();

    DetectionCompiler(YamlSupport yaml) {
        this.yaml = yaml;
    }

    /** The plain values each field was compared with, once {@link #compile} has run. */
    FieldLiterals literals() {
        return literals;
    }

    DocMatcher compile(Node detectionKey, Node detection) throws SigmaException {
        return compile(detectionKey, detection, java.util.Set.of());
    }

    /** @param otherKeys keys of the block that are neither identifiers nor the condition (a filter's rules) */
    DocMatcher compile(Node detectionKey, Node detection, java.util.Set<String> otherKeys) throws SigmaException {
        if (!(detection instanceof MappingNode m)) {
            throw yaml.error(detection, "detection must be a map of search identifiers and a condition, not a "
                    + YamlSupport.kind(detection));
        }
        SelectionCompiler selections = new SelectionCompiler(yaml, literals, regexes);
        Map<String, DocMatcher> identifiers = new LinkedHashMap<>();
        Node condition = null;
        for (YamlSupport.Entry e : yaml.entries(m)) {
            switch (e.key()) {
                case "condition" -> condition = e.value();
                // Only meaningful for aggregations, which the condition parser rejects; harmless on its own.
                case "timeframe" -> { }
                default -> {
                    if (!otherKeys.contains(e.key())) {
                        identifiers.put(e.key(), selections.compile(e.key(), e.value()));
                    }
                }
            }
        }
        if (condition == null) {
            throw yaml.error(detectionKey, "detection has no condition");
        }
        if (identifiers.isEmpty()) {
            throw yaml.error(detectionKey, "detection defines no search identifiers");
        }
        if (condition instanceof ScalarNode) {
            String text = yaml.text(condition, "condition");
            if (text == null) {
                throw yaml.error(condition, "the condition is empty");
            }
            return ConditionParser.parse(text, identifiers, yaml, condition);
        }
        if (condition instanceof SequenceNode s && !s.getValue().isEmpty()) {
            // A list of conditions: the rule matches when any of them does.
            List<DocMatcher> any = new ArrayList<>();
            for (Node item : s.getValue()) {
                String text = yaml.text(item, "each condition");
                if (text == null) {
                    throw yaml.error(item, "the condition is empty");
                }
                any.add(ConditionParser.parse(text, identifiers, yaml, item));
            }
            return BooleanMatchers.or(any);
        }
        throw yaml.error(condition, "condition must be a string or a non-empty list of strings");
    }
}
