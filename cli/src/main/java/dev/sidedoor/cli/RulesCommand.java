package dev.sidedoor.cli;

import dev.sidedoor.core.detect.Detector;
import dev.sidedoor.core.sigma.SigmaRule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sidedoor rules list | validate}. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List, validate or test Sigma rules.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Validate.class, RulesCommand.TestRules.class,
            RulesCommand.Sync.class})
final class RulesCommand {

    /** A rules folder that does not exist is a usage error (exit 2) in every subcommand, said once. */
    static boolean missing(List<Path> dirs, PrintWriter err) {
        for (Path d : dirs) {
            if (!java.nio.file.Files.exists(d)) {
                err.println("sidedoor: usage: " + Terminal.clean(d.toString()) + ": no such rules directory or file");
                err.flush();
                return true;
            }
        }
        return false;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the built-in rules and any given with --rules.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:rules listed", "1:some rules have errors", "2:usage error (such as a missing "
                + "--rules folder)"})
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule directory; repeatable.")
        List<Path> dirs = new ArrayList<>();

        @Option(names = "--markdown", description = "Print a Markdown table (for documentation).")
        boolean markdown;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (missing(dirs, err)) {
                return ExitCodes.INPUT_ERROR;
            }
            RuleSets sets = RuleSets.load(true, dirs);
            for (String e : sets.errors()) {
                err.println("sidedoor: rule error: " + Terminal.clean(e));
            }
            if (markdown) {
                out.print(markdownTable(sets.rules()));
                out.flush();
                return sets.errors().isEmpty() ? ExitCodes.OK : ExitCodes.FAIL_ON_REACHED;
            }
            out.printf("%-36s  %-13s  %-20s  %-44s  %s%n", "ID", "LEVEL", "TECHNIQUES", "NAME", "TITLE");
            for (SigmaRule r : sets.rules()) {
                out.printf("%-36s  %-13s  %-20s  %-44s  %s%n", Terminal.clean(r.id(), 36),
                        r.level() == null ? "-" : r.level(), techniques(r), Terminal.clean(r.name(), 60),
                        Terminal.clean(r.title(), 200));
            }
            out.printf("%d rule(s)%n", sets.rules().size());
            out.flush();
            return sets.errors().isEmpty() ? ExitCodes.OK : ExitCodes.FAIL_ON_REACHED;
        }

        /** The README's rule table. */
        static String markdownTable(List<SigmaRule> rules) {
            StringBuilder b = new StringBuilder();
            b.append("| rule | level | ATT&CK | what it detects |\n");
            b.append("|---|---|---|---|\n");
            for (SigmaRule r : rules) {
                b.append(String.format("| `%s` | %s | %s | %s |%n", Terminal.clean(r.name(), 80),
                        r.level() == null ? "-" : r.level(), techniques(r),
                        Terminal.clean(r.title(), 200).replace("|", "\\|")));
            }
            return b.toString();
        }

        private static String techniques(SigmaRule r) {
            List<String> t = new ArrayList<>();
            for (String tag : r.tags()) {
                String l = tag.toLowerCase(java.util.Locale.ROOT);
                if (l.matches("attack\\.t\\d{4}(\\.\\d{3})?")) {
                    t.add(l.substring(7).toUpperCase(java.util.Locale.ROOT));
                }
            }
            return t.isEmpty() ? "-" : String.join(",", t);
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Load and compile every rule and correlation rule in the given directories "
                    + "(correlations may refer to built-in rules); report errors as file:line.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:all rules loaded", "1:some rules have errors", "2:usage error"})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Rule directories or files.")
        List<Path> dirs;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (missing(dirs, spec.commandLine().getErr())) {
                return ExitCodes.INPUT_ERROR;
            }
            RuleSets sets = RuleSets.validate(dirs);
            for (String e : sets.errors()) {
                out.println("error: " + Terminal.clean(e));
            }
            Detector detector = new Detector(sets.rules());
            int unrouted = detector.unroutedRules().size();
            out.printf("%d rule(s) loaded, %d error(s); %d apply to log sources sidedoor reads (%s), %d to others%n",
                    sets.rules().size(), sets.errors().size(), sets.rules().size() - unrouted,
                    dev.sidedoor.core.source.Sources.BUILT_IN.all().stream().map(
                            dev.sidedoor.core.source.Source::name).collect(java.util.stream.Collectors.joining(", ")),
                    unrouted);
            if (!sets.correlations().isEmpty()) {
                out.printf("%d correlation rule(s) linked%n", sets.correlations().rules().size());
            }
            out.flush();
            return sets.errors().isEmpty() ? ExitCodes.OK : ExitCodes.FAIL_ON_REACHED;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run each rule's must-match events (<rule name>/match/) and look-alikes "
                    + "(<rule name>/nomatch/) through the engine with that rule alone, like a test runner. Fixture "
                    + "folders are looked for beside each rule file, then under each --fixtures root.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every fixture passed", "1:a fixture failed, or a rule has none (with --strict)",
                "2:a rule or fixture could not be read, or usage error"})
    static final class TestRules implements Callable<Integer> {
        static final String BUILT_IN_FIXTURES = "shared-core/src/test/resources/rule-fixtures";

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Rule directories or files.")
        List<Path> dirs = new ArrayList<>();

        @Option(names = "--fixtures", paramLabel = "DIR",
                description = "A folder of <rule name>/match and <rule name>/nomatch fixtures; repeatable.")
        List<Path> fixtures = new ArrayList<>();

        @Option(names = "--builtin", description = "Test the built-in rules too (their fixtures live in the "
                + "source tree: --fixtures " + BUILT_IN_FIXTURES + ").")
        boolean builtIn;

        @Option(names = "--strict", description = "Fail when a rule has no must-match or no look-alike events.")
        boolean strict;

        @Option(names = {"-v", "--verbose"}, description = "Also list the fixtures that pass.")
        boolean verbose;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (dirs.isEmpty() && !builtIn) {
                err.println("sidedoor: usage: name rule directories, or --builtin");
                return ExitCodes.INPUT_ERROR;
            }
            if (missing(dirs, err)) {
                return ExitCodes.INPUT_ERROR;
            }
            RuleSets sets = RuleSets.load(builtIn, dirs);
            for (String e : sets.errors()) {
                err.println("sidedoor: rule error: " + Terminal.clean(e));
            }
            if (!sets.errors().isEmpty()) {
                return ExitCodes.INPUT_ERROR;
            }
            dev.sidedoor.core.rules.FixtureRun.Report report;
            try {
                report = dev.sidedoor.core.rules.FixtureRun.run(sets.rules(), fixtures);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                err.println("sidedoor: error: " + Terminal.clean(String.valueOf(e.getMessage())));
                return ExitCodes.INPUT_ERROR;
            }
            for (var o : report.outcomes()) {
                if (!o.passed() || verbose) {
                    out.printf("%s  %s/%s/%s: %s%n", o.passed() ? "ok  " : "FAIL", Terminal.clean(o.rule(), 80),
                            o.kind(), Terminal.clean(o.file().getFileName().toString(), 120),
                            Terminal.clean(o.detail(), 300));
                }
            }
            for (String u : report.untested()) {
                out.println((strict ? "FAIL" : "warn") + "  " + Terminal.clean(u, 200));
            }
            long passed = report.outcomes().size() - report.failed();
            out.printf("%d rule(s), %d fixture(s): %d passed, %d failed; %d rule(s) without both kinds of "
                    + "fixtures%n", sets.rules().size(), report.outcomes().size(), passed, report.failed(),
                    report.untested().size());
            if (builtIn && fixtures.isEmpty() && !report.untested().isEmpty()) {
                // The built-in rules' fixtures are test resources, not in the jar: without this the run reads as if
                // every built-in rule had lost its tests.
                err.println("sidedoor: hint: the built-in rules' fixtures are in the source tree; add --fixtures "
                        + BUILT_IN_FIXTURES);
            }
            out.flush();
            boolean failed = report.failed() > 0 || strict && !report.untested().isEmpty();
            return failed ? ExitCodes.FAIL_ON_REACHED : ExitCodes.OK;
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Regenerate what is derived from the built-in rules: README.md's rule table and the "
                    + "EventBridge patterns of template.yaml and template-forwarder.yaml. Run it in the project root "
                    + "after adding or changing a rule.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:files are current (or were rewritten)", "1:--check found a stale file",
                "2:a file or rule could not be read"})
    static final class Sync implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--root", paramLabel = "DIR", description = "The project root (default: the current "
                + "directory).")
        Path root = Path.of(".");

        @Option(names = "--check", description = "Change nothing; exit 1 and name the files that are stale.")
        boolean check;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RuleSets sets = RuleSets.load(true, List.of());
            com.fasterxml.jackson.databind.JsonNode pattern = dev.sidedoor.core.detect.EventBridgePattern.derive(
                    new Detector(sets.rules()).cloudTrailRules());
            java.util.Map<String, java.util.function.UnaryOperator<String>> files = new java.util.LinkedHashMap<>();
            files.put("README.md", t -> GeneratedBlocks.replaceBetween(t, "<!-- rules:start", "<!-- rules:end",
                    ListRules.markdownTable(sets.rules())));
            files.put("template.yaml", t -> GeneratedBlocks.replaceYamlValue(t, "Pattern", pattern));
            files.put("template-forwarder.yaml", t -> GeneratedBlocks.replaceYamlValue(t, "EventPattern", pattern));
            int stale = 0;
            for (var e : files.entrySet()) {
                Path file = root.resolve(e.getKey());
                try {
                    String before = java.nio.file.Files.readString(file);
                    String after = e.getValue().apply(before);
                    if (before.equals(after)) {
                        out.println("current  " + e.getKey());
                    } else if (check) {
                        out.println("STALE    " + e.getKey());
                        stale++;
                    } else {
                        java.nio.file.Files.writeString(file, after);
                        out.println("updated  " + e.getKey());
                    }
                } catch (java.io.IOException | IllegalArgumentException ex) {
                    err.println("sidedoor: error: " + Terminal.clean(file.toString()) + ": "
                            + Terminal.clean(String.valueOf(ex.getMessage())));
                    return ExitCodes.INPUT_ERROR;
                }
            }
            out.flush();
            return stale > 0 ? ExitCodes.FAIL_ON_REACHED : ExitCodes.OK;
        }
    }
}
