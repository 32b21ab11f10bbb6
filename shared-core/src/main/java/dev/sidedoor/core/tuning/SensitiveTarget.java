package dev.sidedoor.core.tuning;

import java.util.List;

/** One entry of {@code sensitive_targets:}. Immutable. */
record SensitiveTarget(String name, List<ValueMatcher> targets, int line) {

    SensitiveTarget {
        targets = List.copyOf(targets);
    }

    boolean matches(String target) {
        if (target == null) {
            return false;
        }
        for (ValueMatcher m : targets) {
            if (m.matches(target)) {
                return true;
            }
        }
        return false;
    }
}
