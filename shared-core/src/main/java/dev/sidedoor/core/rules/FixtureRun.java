package dev.sidedoor.core.rules;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a rule's own test events, as the built-in pack's are run: every file in its {@code match/} folder must give a
 * finding from the rule, every file in {@code nomatch/} (the look-alikes) none, each through the whole engine (log
 * source routing, screening, normalisation) with that rule alone. A rule's fixtures are the folder named after it,
 * either beside the rule file or under a fixtures root.
 */
public final class FixtureRun {

    /** What one fixture file gave. */
    public record Outcome(String rule, String kind, Path file, boolean passed, String detail) {
    }

    /** Every outcome, and the rules that have no fixtures (or only one kind). */
    public record Report(List<Outcome> outcomes, List<String> untested) {
        public long failed() {
            return outcomes.stream().filter(o -> !o.passed()).count();
        }
    }

    private FixtureRun() {
    }

    /**
     * @param fixtureRoots folders holding {@code <rule name>/match} and {@code <rule name>/nomatch}; the folder
     *                     beside each rule's file is always looked at first
     */
    public static Report run(List<SigmaRule> rules, List<Path> fixtureRoots) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> untested = new ArrayList<>();
        for (SigmaRule rule : rules) {
            Optional<Path> dir = fixturesOf(rule, fixtureRoots);
            List<Path> match = dir.map(d -> files(d.resolve("match"))).orElse(List.of());
            List<Path> nomatch = dir.map(d -> files(d.resolve("nomatch"))).orElse(List.of());
            if (match.isEmpty() || nomatch.isEmpty()) {
                untested.add(rule.name() + (dir.isEmpty() ? ": no fixtures folder"
                        : match.isEmpty() ? ": no match/ events" : ": no nomatch/ look-alikes"));
            }
            Engine engine = new Engine(List.of(rule), Tuning.none(), Clock.systemUTC());
            for (Path f : match) {
                outcomes.add(check(engine, rule, "match", f, true));
            }
            for (Path f : nomatch) {
                outcomes.add(check(engine, rule, "nomatch", f, false));
            }
        }
        return new Report(List.copyOf(outcomes), List.copyOf(untested));
    }

    private static Outcome check(Engine engine, SigmaRule rule, String kind, Path file, boolean expected)
            throws IOException {
        InputResult r;
        try (InputStream in = Files.newInputStream(file)) {
            r = engine.scan(in, file.toString());
        }
        if (r.stats().rejectedTotal() > 0) {
            return new Outcome(rule.name(), kind, file, false, "unreadable: " + r.rejections().get(0).message());
        }
        List<Finding> mine = r.findings().stream().filter(f -> f.rule().name().equals(rule.name())).toList();
        boolean matched = !mine.isEmpty();
        String detail = matched ? "matched: " + mine.get(0).summary()
                : r.stats().events() == 0 ? "no event sidedoor recognises in the file" : "did not match";
        return new Outcome(rule.name(), kind, file, matched == expected, detail);
    }

    private static Optional<Path> fixturesOf(SigmaRule rule, List<Path> roots) {
        List<Path> candidates = new ArrayList<>();
        if (rule.source() != null && !rule.source().startsWith("dev/sidedoor/")) {
            Path parent = Path.of(rule.source()).toAbsolutePath().getParent();
            if (parent != null) {
                candidates.add(parent.resolve(rule.name()));
            }
        }
        roots.forEach(r -> candidates.add(r.resolve(rule.name())));
        return candidates.stream().filter(Files::isDirectory).findFirst();
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
