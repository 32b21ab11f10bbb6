package dev.sidedoor.core.scan;

import dev.sidedoor.core.correlation.Correlations;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.sigma.RuleLoader;
import dev.sidedoor.core.sigma.SigmaCorrelation;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaParser;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import dev.sidedoor.core.tuning.TuningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one way an {@link Engine} is set up, for the command line and both cloud functions: built-in rules, the
 * user's rule directories, the tuning file and the output settings, loaded the same way everywhere, with every
 * error collected (a broken rule must not run half-loaded) and the warnings a person should read at start-up.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * What to load.
     *
     * @param builtInRules    the shipped rule pack (null: none, as with {@code --no-builtin-rules})
     * @param ruleSources     directories (recursive) or files of the user's Sigma rules
     * @param tuningFile      the tuning file, or null
     * @param fullCommandText keep secrets in command text (see {@link dev.sidedoor.core.finding.Secrets})
     * @param clock           today's date for tuning expiries
     */
    public record Settings(Supplier<List<SigmaRule>> builtInRules, List<Path> ruleSources, Path tuningFile,
            boolean fullCommandText, Clock clock) {

        public Settings {
            ruleSources = List.copyOf(ruleSources);
            Objects.requireNonNull(clock, "clock");
        }

        /** The built-in pack and nothing else, no tuning, secrets redacted. */
        public static Settings defaults(Clock clock) {
            return new Settings(BuiltInRules::load, List.of(), null, false, clock);
        }

        public Settings withRuleSources(List<Path> sources) {
            return new Settings(builtInRules, sources, tuningFile, fullCommandText, clock);
        }

        public Settings withTuningFile(Path file) {
            return new Settings(builtInRules, ruleSources, file, fullCommandText, clock);
        }

        public Settings withFullCommandText(boolean full) {
            return new Settings(builtInRules, ruleSources, tuningFile, full, clock);
        }

        public Settings withBuiltInRules(Supplier<List<SigmaRule>> rules) {
            return new Settings(rules, ruleSources, tuningFile, fullCommandText, clock);
        }
    }

    /** A ready engine and what a person should be told at start-up (expired or expiring suppressions...). */
    public record Started(Engine engine, List<String> warnings) {
    }

    /** Every rule and tuning error found, each naming its file and line. */
    public static final class SetupException extends Exception {
        private final List<String> ruleErrors;
        private final String tuningError;

        SetupException(List<String> ruleErrors, String tuningError) {
            super(String.join("\n", ruleErrors) + (tuningError == null ? "" : (ruleErrors.isEmpty() ? "" : "\n")
                    + tuningError));
            this.ruleErrors = List.copyOf(ruleErrors);
            this.tuningError = tuningError;
        }

        /** Rule files that did not load, each with file:line; empty when all did. */
        public List<String> ruleErrors() {
            return ruleErrors;
        }

        /** Why the tuning file did not load, or null. */
        public String tuningError() {
            return tuningError;
        }
    }

    /**
     * Rules loaded from the pack and the user's sources, the correlation rules among them that linked, and every
     * error (file:line) of those that did not load or link.
     */
    public record Rules(List<SigmaRule> rules, Correlations correlations, List<String> errors) {
    }

    /** Loads rules the way {@link #start} does, keeping going past errors (for {@code rules validate}). */
    public static Rules loadRules(Supplier<List<SigmaRule>> builtIn, List<Path> sources) {
        return loadRules(builtIn, sources, List.of());
    }

    /**
     * {@link #loadRules(Supplier, List)}, with {@code referable}: rules that correlations may refer to without
     * being loaded ({@code rules validate} checks a directory whose correlations may name built-in rules).
     */
    public static Rules loadRules(Supplier<List<SigmaRule>> builtIn, List<Path> sources,
            List<SigmaRule> referable) {
        return loadRules(builtIn, true, sources, referable);
    }

    /**
     * @param builtInCorrelations load the pack's correlation rules with its rules; a function, which evaluates no
     *                            correlation and may load only part of the pack, leaves them out
     */
    static Rules loadRules(Supplier<List<SigmaRule>> builtIn, boolean builtInCorrelations, List<Path> sources,
            List<SigmaRule> referable) {
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaCorrelation> correlations = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (builtIn != null) {
            rules.addAll(builtIn.get());
            if (builtInCorrelations) {
                correlations.addAll(BuiltInRules.correlations());
            }
        }
        for (Path source : sources) {
            if (!Files.isDirectory(source) && !Files.isRegularFile(source)) {
                errors.add(source + ": no such rules directory or file");
                continue;
            }
            RuleLoader.LoadResult r = Files.isRegularFile(source) ? loadFile(source)
                    : RuleLoader.loadDirectory(source);
            rules.addAll(r.rules());
            correlations.addAll(r.correlations());
            for (SigmaException e : r.errors()) {
                errors.add(e.getMessage());
            }
        }
        // A loaded rule wins over a referable one with its id or name (a user's copy of a built-in rule).
        java.util.Set<String> known = new java.util.HashSet<>();
        rules.forEach(r -> {
            known.add(r.id());
            known.add(r.name());
        });
        List<SigmaRule> targets = new ArrayList<>(rules);
        for (SigmaRule r : referable) {
            if (!known.contains(r.id()) && !known.contains(r.name())) {
                targets.add(r);
            }
        }
        Correlations.Linked linked = Correlations.link(targets, correlations);
        for (SigmaException e : linked.errors()) {
            errors.add(e.getMessage());
        }
        return new Rules(rules, linked.correlations(), errors);
    }

    public static Started start(Settings s) throws SetupException {
        return start(s, true);
    }

    /**
     * @param correlate whether the engine's findings carry what correlations group by; a cloud function, which
     *                  evaluates no correlation, still has them checked but gets an engine without them
     */
    public static Started start(Settings s, boolean correlate) throws SetupException {
        Rules loaded = loadRules(s.builtInRules(), correlate, s.ruleSources(), List.of());
        List<SigmaRule> rules = loaded.rules();
        List<String> errors = loaded.errors();
        Tuning tuning = Tuning.none();
        String tuningError = null;
        if (s.tuningFile() != null) {
            try {
                tuning = Tuning.load(s.tuningFile());
            } catch (TuningException e) {
                tuningError = e.getMessage();
            }
        }
        if (!errors.isEmpty() || tuningError != null) {
            throw new SetupException(errors, tuningError);
        }
        List<String[]> names = new java.util.ArrayList<>();
        rules.forEach(r -> names.add(new String[] {r.id(), r.name(), r.title()}));
        loaded.correlations().rules().forEach(c -> names.add(new String[] {c.id(), c.name(), c.title()}));
        List<String> warnings = tuning.warnings(LocalDate.now(s.clock().withZone(ZoneOffset.UTC)), names, rules);
        return new Started(new Engine(rules, correlate ? loaded.correlations() : Correlations.NONE, tuning,
                s.clock(), s.fullCommandText()), warnings);
    }

    private static RuleLoader.LoadResult loadFile(Path file) {
        try {
            return RuleLoader.LoadResult.of(SigmaParser.parseFile(file));
        } catch (SigmaException e) {
            return new RuleLoader.LoadResult(List.of(), List.of(e));
        }
    }
}
