package dev.sidedoor.cli;

import dev.sidedoor.core.correlation.Correlations;
import dev.sidedoor.core.scan.Bootstrap;
import dev.sidedoor.core.sigma.SigmaRule;
import java.nio.file.Path;
import java.util.List;


/** Built-in rules plus the user's directories, with every load error kept for reporting. */
record RuleSets(List<SigmaRule> rules, Correlations correlations, List<String> errors) {

    static RuleSets load(boolean builtIn, List<Path> dirs) {
        Bootstrap.Rules r = Bootstrap.loadRules(builtIn ? Preload::builtInRules : null, dirs);
        return new RuleSets(r.rules(), r.correlations(), r.errors());
    }

    /**
     * The user's directories alone, their correlations linked as a scan links them: they may refer to built-in
     * rules, which a scan always loads unless told not to.
     */
    static RuleSets validate(List<Path> dirs) {
        Bootstrap.Rules r = Bootstrap.loadRules(null, dirs, Preload.builtInRules());
        return new RuleSets(r.rules(), r.correlations(), r.errors());
    }
}
