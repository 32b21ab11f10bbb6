package dev.sidedoor.core.rules;

import dev.sidedoor.core.sigma.RuleLoader;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.List;

/** The T1021.008 / T1651 rule pack that ships inside the jar, one Sigma file per behaviour. */
public final class BuiltInRules {

    public static final String INDEX = "dev/sidedoor/rules/index.txt";

    private BuiltInRules() {
    }

    /** Loads and compiles the pack; a broken built-in rule is a build defect and fails loudly. */
    public static List<SigmaRule> load() {
        RuleLoader.LoadResult result = RuleLoader.loadResources(BuiltInRules.class.getClassLoader(), INDEX);
        if (!result.errors().isEmpty()) {
            StringBuilder b = new StringBuilder("built-in rules failed to load:");
            for (SigmaException e : result.errors()) {
                b.append("\n  ").append(e.getMessage());
            }
            throw new IllegalStateException(b.toString());
        }
        return result.rules();
    }
}
