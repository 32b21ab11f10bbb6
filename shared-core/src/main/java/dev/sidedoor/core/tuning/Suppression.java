package dev.sidedoor.core.tuning;

import dev.sidedoor.core.finding.Finding;
import java.time.LocalDate;
import java.util.List;

/** One entry of {@code suppressions:}, compiled. Immutable. */
record Suppression(String id, List<ValueMatcher> rules, List<Condition> conditions, String reason,
                   LocalDate expires, int line) {

    Suppression {
        rules = List.copyOf(rules);
        conditions = List.copyOf(conditions);
    }

    /** All fields named in {@code match} must match (AND); within one field any listed value may match (OR). */
    record Condition(FindingField field, List<ValueMatcher> anyOf) {
        Condition {
            anyOf = List.copyOf(anyOf);
        }

        boolean matches(Finding f) {
            String value = field.get(f);
            if (value == null) {
                return false;
            }
            for (ValueMatcher m : anyOf) {
                if (m.matches(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether this suppression's rule and match block select the finding, regardless of its expiry date. */
    boolean matches(Finding f) {
        if (!ruleMatches(f.rule())) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.matches(f)) {
                return false;
            }
        }
        return true;
    }

    /** Whether one of this suppression's rule patterns selects a rule with this id, name or title. */
    boolean namesRule(String id, String name, String title) {
        for (ValueMatcher m : rules) {
            if (m.matches(name) || m.matches(id) || m.matches(title)) {
                return true;
            }
        }
        return false;
    }

    private boolean ruleMatches(Finding.RuleRef rule) {
        return rule != null && namesRule(rule.id(), rule.name(), rule.title());
    }

    /** Live on {@code today} when {@code today} is not after the expiry date: the expiry day itself still counts. */
    boolean liveOn(LocalDate today) {
        return !today.isAfter(expires);
    }

    boolean matchesEverything() {
        return conditions.isEmpty() && rules.stream().anyMatch(ValueMatcher::matchesEverything);
    }
}
