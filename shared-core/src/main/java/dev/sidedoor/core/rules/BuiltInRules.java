package dev.sidedoor.core.rules;

import dev.sidedoor.core.sigma.RuleLoader;
import dev.sidedoor.core.sigma.SigmaCorrelation;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.List;

/**
 * The T1021.008 / T1651 rule pack that ships inside the jar, one Sigma file per behaviour, and its correlation
 * rules (in {@code correlations/}, over the pack's own rules).
 */
public final class BuiltInRules {

    public static final String INDEX = "dev/sidedoor/rules/index.txt";
    /** The index's files composed at build time ({@link dev.sidedoor.core.sigma.RulePack}); what is loaded. */
    public static final String PACK = "dev/sidedoor/rules/pack.bin";
    /** Where the pack's correlation rules live; every other listed file holds detection rules only. */
    static final String ROOT = "dev/sidedoor/rules/";
    static final String CORRELATIONS = ROOT + "correlations/";

    private BuiltInRules() {
    }

    /** Loads and compiles the pack's detection rules; a broken built-in rule is a build defect and fails loudly. */
    public static List<SigmaRule> load() {
        return load(entry -> true);
    }

    /**
     * The pack's detection rules in the given folders of the pack ("aws", "endpoint"...): a function that reads one
     * kind of log compiles only the rules for it, which is most of its start-up.
     */
    public static List<SigmaRule> loadFolders(String... folders) {
        List<String> prefixes = java.util.Arrays.stream(folders).map(f -> ROOT + f + "/").toList();
        return load(entry -> prefixes.stream().anyMatch(entry::startsWith));
    }

    private static List<SigmaRule> load(java.util.function.Predicate<String> entries) {
        RuleLoader.LoadResult result = load(false, entries);
        if (!result.correlations().isEmpty()) {
            throw new IllegalStateException("built-in correlation rules must be in " + CORRELATIONS + ": "
                    + result.correlations());
        }
        return result.rules();
    }

    /**
     * The pack's correlation rules, not yet linked to the rules they refer to (see
     * {@code dev.sidedoor.core.correlation.Correlations#link}). Loaded apart from {@link #load()} so neither pays
     * for the other.
     */
    public static List<SigmaCorrelation> correlations() {
        RuleLoader.LoadResult result = load(true);
        if (!result.rules().isEmpty()) {
            throw new IllegalStateException(CORRELATIONS + " must hold correlation rules only: " + result.rules());
        }
        return result.correlations();
    }

    private static RuleLoader.LoadResult load(boolean correlations) {
        return load(correlations, entry -> true);
    }

    private static RuleLoader.LoadResult load(boolean correlations, java.util.function.Predicate<String> entries) {
        RuleLoader.LoadResult result = RuleLoader.loadPack(BuiltInRules.class.getClassLoader(), PACK,
                entry -> entry.startsWith(CORRELATIONS) == correlations && entries.test(entry));
        if (!result.errors().isEmpty()) {
            StringBuilder b = new StringBuilder("built-in rules failed to load:");
            for (SigmaException e : result.errors()) {
                b.append("\n  ").append(e.getMessage());
            }
            throw new IllegalStateException(b.toString());
        }
        return result;
    }
}
