package dev.sidedoor.core.scan;

import dev.sidedoor.core.rules.BuiltInRules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
        return start(rulesDir, tuningFile, clock, false).engine();
    }

    /** The engine for these settings (rules, tuning, command text). */
    public static Engine build(FunctionSettings settings, Clock clock) {
        return start(settings, clock).engine();
    }

    /** The engine for these settings, and the start-up warnings the function must log. */
    public static Bootstrap.Started start(FunctionSettings settings, Clock clock) {
        return start(settings, clock, BuiltInRules::load);
    }

    /**
     * @param builtIn the part of the pack this function's logs can match ({@link BuiltInRules#loadFolders}): the
     *                Lambda receives CloudTrail alone, and compiling only its rules shortens every cold start
     */
    public static Bootstrap.Started start(FunctionSettings settings, Clock clock,
            java.util.function.Supplier<List<dev.sidedoor.core.sigma.SigmaRule>> builtIn) {
        return start(settings.rulesDir(), settings.tuningFile(), clock, settings.fullCommandText(), builtIn);
    }

    private static Bootstrap.Started start(Path rulesDir, Path tuningFile, Clock clock, boolean fullCommandText) {
        return start(rulesDir, tuningFile, clock, fullCommandText, BuiltInRules::load);
    }

    private static Bootstrap.Started start(Path rulesDir, Path tuningFile, Clock clock, boolean fullCommandText,
            java.util.function.Supplier<List<dev.sidedoor.core.sigma.SigmaRule>> builtIn) {
        if (rulesDir != null && !Files.isDirectory(rulesDir)) {
            throw new IllegalStateException("SIDEDOOR_RULES_DIR " + rulesDir
                    + " is not a directory (is the rules layer or share mounted?)");
        }
        Bootstrap.Settings settings = Bootstrap.Settings.defaults(clock)
                .withBuiltInRules(builtIn)
                .withRuleSources(rulesDir == null ? List.of() : List.of(rulesDir))
                .withTuningFile(tuningFile)
                .withFullCommandText(fullCommandText);
        try {
            // A function sees one event or batch at a time and evaluates no correlation yet: its findings need not
            // carry the fields correlations group by. The rules are still checked, so a broken one fails the start.
            return Bootstrap.start(settings, false);
        } catch (Bootstrap.SetupException e) {
            StringBuilder b = new StringBuilder();
            List<String> errors = e.ruleErrors();
            if (!errors.isEmpty()) {
                b.append("rules in SIDEDOOR_RULES_DIR failed to load:");
                for (String error : errors.subList(0, Math.min(errors.size(), MAX_ERRORS_LISTED))) {
                    b.append("\n  ").append(error);
                }
                if (errors.size() > MAX_ERRORS_LISTED) {
                    b.append("\n  ... and ").append(errors.size() - MAX_ERRORS_LISTED)
                            .append(" more (sidedoor rules validate lists them all)");
                }
            }
            if (e.tuningError() != null) {
                b.append(b.length() == 0 ? "" : "\n").append("SIDEDOOR_TUNING_FILE: ").append(e.tuningError());
            }
            throw new IllegalStateException(b.toString(), e);
        }
    }
}
