package dev.sidedoor.cli;

import dev.sidedoor.core.sigma.RuleLoader;
import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaParser;
import dev.sidedoor.core.sigma.SigmaRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Built-in rules plus the user's directories, with every load error kept for reporting. */
record RuleSets(List<SigmaRule> rules, List<String> errors) {

    static RuleSets load(boolean builtIn, List<Path> dirs) {
        List<SigmaRule> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (builtIn) {
            rules.addAll(Preload.builtInRules());
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir) && !Files.isRegularFile(dir)) {
                errors.add(dir + ": no such rules directory or file");
                continue;
            }
            RuleLoader.LoadResult r = Files.isRegularFile(dir) ? loadFile(dir) : RuleLoader.loadDirectory(dir);
            rules.addAll(r.rules());
            for (SigmaException e : r.errors()) {
                errors.add(e.getMessage());
            }
        }
        return new RuleSets(rules, errors);
    }

    private static RuleLoader.LoadResult loadFile(Path file) {
        try {
            return new RuleLoader.LoadResult(SigmaParser.parse(file), List.of());
        } catch (SigmaException e) {
            return new RuleLoader.LoadResult(List.of(), List.of(e));
        }
    }
}
