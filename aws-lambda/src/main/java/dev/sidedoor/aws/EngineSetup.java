package dev.sidedoor.aws;

import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.sigma.RuleLoader;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import dev.sidedoor.core.tuning.TuningException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the rules and the tuning file once, at init. A rule or tuning file that does not load fails the init
 * with every error listed: running with a rule silently missing would be worse than not running.
 */
final class EngineSetup {

    private EngineSetup() {
    }

    static Engine build(Config config, Clock clock) {
        List<SigmaRule> rules = new ArrayList<>(BuiltInRules.load());
        if (config.rulesDir() != null) {
            if (!Files.isDirectory(config.rulesDir())) {
                throw new IllegalStateException("SIDEDOOR_RULES_DIR " + config.rulesDir()
                        + " is not a directory (is the rules layer attached?)");
            }
            RuleLoader.LoadResult extra = RuleLoader.loadDirectory(config.rulesDir());
            if (!extra.errors().isEmpty()) {
                StringBuilder b = new StringBuilder("rules in SIDEDOOR_RULES_DIR failed to load:");
                for (SigmaException e : extra.errors()) {
                    b.append("\n  ").append(e.getMessage());
                }
                throw new IllegalStateException(b.toString());
            }
            rules.addAll(extra.rules());
        }
        Tuning tuning = Tuning.none();
        if (config.tuningFile() != null) {
            try {
                tuning = Tuning.load(config.tuningFile());
            } catch (TuningException e) {
                throw new IllegalStateException("SIDEDOOR_TUNING_FILE: " + e.getMessage(), e);
            }
        }
        return new Engine(rules, tuning, clock);
    }
}
