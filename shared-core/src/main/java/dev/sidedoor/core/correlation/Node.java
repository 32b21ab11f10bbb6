package dev.sidedoor.core.correlation;

import dev.sidedoor.core.sigma.SigmaCorrelation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A correlation with its references resolved.
 *
 * @param rule   the correlation as written
 * @param inputs one per referenced rule, in the order written
 * @param needs  fields this correlation's own findings must expose to the correlations that refer to it
 */
record Node(SigmaCorrelation rule, List<Input> inputs, Set<String> needs) {

    Node {
        inputs = List.copyOf(inputs);
        needs = Set.copyOf(needs);
    }

    /**
     * A referenced rule.
     *
     * @param ruleId      the id its findings carry ({@code Finding.rule().id()})
     * @param correlation whether it is another correlation (a chain)
     * @param fieldFor    group-by name -> the field holding it in this rule's findings (an alias, or the name)
     */
    record Input(String ruleId, boolean correlation, Map<String, String> fieldFor) {
        Input {
            fieldFor = Map.copyOf(fieldFor);
        }
    }

    /** The input whose findings carry {@code ruleId}, or -1. */
    int indexOf(String ruleId) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).ruleId().equals(ruleId)) {
                return i;
            }
        }
        return -1;
    }

    Node withNeeds(Set<String> fields) {
        return new Node(rule, inputs, fields);
    }
}
