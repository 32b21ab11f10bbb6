package dev.sidedoor.core.scan;

import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.sigma.RuleLoader;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import dev.sidedoor.core.tuning.TuningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine of a cloud function (Lambda, Azure Function), built once at init from the settings both share:
 * SIDEDOOR_RULES_DIR (extra Sigma rules) and SIDEDOOR_TUNING_FILE. A rule or tuning file that does not load fails
 * the init with every error listed: running with a rule silently missing would be worse than not running.
 */
public final class FunctionEngine {

    /** A start-up error is one log entry: a directory of thousands of broken files must not make it megabytes. */
    static final int MAX_ERRORS_LISTED = 20;

    private FunctionEngine() {
    }

    /**
     * The built-in rules plus those in {@code rulesDir}, and the tuning file; either may be null.
     *
     * @throws IllegalStateException naming the setting and every error, when a rule or the tuning file fails to load
     */
    public static Engine build(Path rulesDir, Path tuningFile, Clock clock) {
        return build(rulesDir, tuningFile, clock, false);
    }

    /** The engine for these settings (rules, tuning, command text). */
    public static Engine build(FunctionSettings settings, Clock clock) {
        return build(settings.rulesDir(), settings.tuningFile(), clock, settings.fullCommandText());
    }

    private static Engine build(Path rulesDir, Path tuningFile, Clock clock, boolean fullCommandText) {
        List<SigmaRule> rules = new ArrayList<>(BuiltInRules.load());
        if (rulesDir != null) {
            if (!Files.isDirectory(rulesDir)) {
                throw new IllegalStateException("SIDEDOOR_RULES_DIR " + rulesDir
                        + " is not a directory (is the rules layer or share mounted?)");
            }
            RuleLoader.LoadResult extra = RuleLoader.loadDirectory(rulesDir);
            if (!extra.errors().isEmpty()) {
                StringBuilder b = new StringBuilder("rules in SIDEDOOR_RULES_DIR failed to load:");
                List<SigmaException> errors = extra.errors();
                for (SigmaException e : errors.subList(0, Math.min(errors.size(), MAX_ERRORS_LISTED))) {
                    b.append("\n  ").append(e.getMessage());
                }
                if (errors.size() > MAX_ERRORS_LISTED) {
                    b.append("\n  ... and ").append(errors.size() - MAX_ERRORS_LISTED)
                            .append(" more (sidedoor rules validate lists them all)");
                }
                throw new IllegalStateException(b.toString());
            }
            rules.addAll(extra.rules());
        }
        Tuning tuning = Tuning.none();
        if (tuningFile != null) {
            try {
                tuning = Tuning.load(tuningFile);
            } catch (TuningException e) {
                throw new IllegalStateException("SIDEDOOR_TUNING_FILE: " + e.getMessage(), e);
            }
        }
        return new Engine(rules, tuning, clock, fullCommandText);
    }
}
