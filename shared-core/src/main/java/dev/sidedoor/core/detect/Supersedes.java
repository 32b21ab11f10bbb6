package dev.sidedoor.core.detect;

import dev.sidedoor.core.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a rule's {@code sidedoor:} block, the rule pack's own Sigma extension: {@code supersedes: [rule names]} and
 * {@code runbook: {check, confirm, contain}}. Other Sigma tools ignore the block.
 */
final class Supersedes {

    private Supersedes() {
    }

    static List<String> of(SigmaRule rule) {
        Object block = rule.extra().get("sidedoor");
        if (!(block instanceof Map<?, ?> map)) {
            return List.of();
        }
        Object list = map.get("supersedes");
        List<String> names = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object o : items) {
                if (o instanceof String s && !s.isBlank()) {
                    names.add(s.strip());
                }
            }
        } else if (list instanceof String s && !s.isBlank()) {
            names.add(s.strip());
        }
        return names;
    }

    /** The rule's {@code sidedoor: runbook: {check, confirm, contain}}, or null when it has none. */
    static dev.sidedoor.core.finding.Finding.Runbook runbook(SigmaRule rule) {
        return dev.sidedoor.core.finding.Finding.Runbook.of(rule.extra());
    }
}
