package dev.sidedoor.core.detect;

import dev.sidedoor.core.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a rule's {@code sidedoor: supersedes: [rule names]}, the rule pack's own Sigma extension (the same block's
 * {@code runbook:} is read by {@link dev.sidedoor.core.finding.Finding.Runbook#of}). Other Sigma tools ignore it.
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
}
