package dev.sidedoor.core.correlation;

import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.sigma.SigmaCorrelation;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linked Sigma correlation rules and their evaluation over the findings of a scan. Immutable and thread-safe;
 * {@link #evaluate} is a pure function of its input. See the package documentation for the semantics.
 */
public final class Correlations {

    /** No correlation rules. */
    public static final Correlations NONE = new Correlations(List.of(), Map.of(), Set.of());

    private final List<Node> nodes;
    private final Map<SigmaRule, List<String>> capture;
    private final Set<String> suppressed;

    private Correlations(List<Node> nodes, Map<SigmaRule, List<String>> capture, Set<String> suppressed) {
        this.nodes = List.copyOf(nodes);
        this.capture = capture;
        this.suppressed = Set.copyOf(suppressed);
    }

    /** The correlations that linked, and an error (file:line) for each one that did not. */
    public record Linked(Correlations correlations, List<SigmaException> errors) {
        public Linked {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Resolves the correlations' references among {@code rules} and the correlations themselves (by id, Sigma
     * {@code name}, or sidedoor rule name). A correlation with an unknown, ambiguous or looping reference is left
     * out, with its error; so is any correlation that refers to it.
     */
    public static Linked link(List<SigmaRule> rules, List<SigmaCorrelation> correlations) {
        if (correlations.isEmpty()) {
            return new Linked(NONE, List.of());
        }
        Linker.Result r = Linker.link(rules, correlations);
        Map<SigmaRule, List<String>> capture = new IdentityHashMap<>(r.capture());
        return new Linked(new Correlations(r.nodes(), capture, r.suppressed()), r.errors());
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** Whether some correlation counts the findings of the rule (or correlation) with this id. */
    public boolean refersTo(String ruleId) {
        for (Node n : nodes) {
            if (n.indexOf(ruleId) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * How far back a finding can still complete a correlation: the sum of every timespan (a chain's windows add
     * up), at most a week.
     */
    public long reachMillis() {
        long sum = 0;
        for (Node n : nodes) {
            sum = Math.min(7L * 86_400_000L, sum + n.rule().timespanMillis());
        }
        return sum;
    }

    /** The linked correlation rules, each after the correlations it refers to. */
    public List<SigmaCorrelation> rules() {
        List<SigmaCorrelation> out = new ArrayList<>(nodes.size());
        nodes.forEach(n -> out.add(n.rule()));
        return out;
    }

    /**
     * The fields the detector must copy from a record into a finding of {@code rule} (context
     * {@code group_by.<field>}) for the correlations to group it; empty for the rules no correlation refers to.
     * sidedoor's own fields ({@code sidedoor.actor}...) are never listed: the finding has them.
     */
    public List<String> fieldsToCapture(SigmaRule rule) {
        return capture.getOrDefault(rule, List.of());
    }

    /**
     * Whether the findings of the rule (or correlation) with this id should not be shown on their own: every
     * correlation that refers to it says {@code generate: false}, the specification's default, meaning only the
     * correlation's result is wanted. The findings are still what {@link #evaluate} needs; dropping them from the
     * output is the caller's choice.
     */
    public boolean suppressBaseFindings(String ruleId) {
        return suppressed.contains(ruleId);
    }

    /**
     * The correlated findings of a scan's findings, ordered by time then id. Findings are taken in event-time
     * order whatever order they come in; a finding with the same id twice counts once; one whose event time cannot
     * be read, or that lacks a group-by value (or the value_count field), cannot be placed and takes no part.
     * Chains: a correlation's findings are the input of the correlations that refer to it, and are returned too.
     */
    public List<Finding> evaluate(List<Finding> findings) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        Map<String, Finding> unique = new LinkedHashMap<>();
        for (Finding f : findings) {
            unique.putIfAbsent(f.findingId(), f);
        }
        Map<String, List<Finding>> byRule = new HashMap<>();
        for (Finding f : unique.values()) {
            byRule.computeIfAbsent(f.rule().id(), k -> new ArrayList<>()).add(f);
        }
        List<Finding> produced = new ArrayList<>();
        for (Node node : nodes) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < node.inputs().size(); i++) {
                for (Finding f : byRule.getOrDefault(node.inputs().get(i).ruleId(), List.of())) {
                    Item item = item(node, i, f);
                    if (item != null) {
                        items.add(item);
                    }
                }
            }
            items.sort(Item.ORDER);
            List<Finding> out = Evaluation.run(node, items);
            // Inputs of the correlations that refer to this one, which come later in the order.
            byRule.computeIfAbsent(node.rule().id(), k -> new ArrayList<>()).addAll(out);
            produced.addAll(out);
        }
        Set<String> seen = new HashSet<>();
        List<Finding> result = new ArrayList<>(produced.size());
        for (Finding f : produced) {
            if (seen.add(f.findingId())) {
                result.add(f);
            }
        }
        result.sort(Comparator.comparingLong((Finding f) -> EventTimes.epochMillis(f.event().time()))
                .thenComparing(Finding::findingId));
        return result;
    }

    /** The finding as this correlation sees it, or null when it cannot be placed in time or in a group. */
    private static Item item(Node node, int input, Finding f) {
        long time = EventTimes.epochMillis(f.event().time());
        if (time < 0) {
            return null;
        }
        Node.Input in = node.inputs().get(input);
        List<String> group = new ArrayList<>(node.rule().groupBy().size());
        for (String g : node.rule().groupBy()) {
            String v = FindingFields.value(f, in.fieldFor().get(g));
            if (v == null) {
                return null;
            }
            group.add(v);
        }
        String value = null;
        if (node.rule().type() == SigmaCorrelation.Type.VALUE_COUNT) {
            value = FindingFields.value(f, node.rule().field());
            if (value == null) {
                return null;
            }
        }
        String eventKey = in.correlation() || f.event().id() == null ? "finding:" + f.findingId()
                : f.provider() + ":" + f.event().id();
        return new Item(f, time, input, List.copyOf(group), value, eventKey);
    }
}
