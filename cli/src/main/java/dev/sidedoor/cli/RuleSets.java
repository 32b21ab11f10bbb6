package dev.sidedoor.cli;

import dev.sidedoor.core.scan.Bootstrap;
import dev.sidedoor.core.sigma.SigmaRule;
import java.nio.file.Path;
import java.util.List;


/** Built-in rules plus the user's directories, with every load error kept for reporting. */
record RuleSets(List<SigmaRule> rules, List<String> errors) {

    static RuleSets load(boolean builtIn, List<Path> dirs) {
        Bootstrap.Rules r = Bootstrap.loadRules(builtIn ? Preload::builtInRules : null, dirs);
        return new RuleSets(r.rules(), r.errors());
    }
}
