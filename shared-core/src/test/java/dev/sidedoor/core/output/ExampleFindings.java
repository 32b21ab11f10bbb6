package dev.sidedoor.core.output;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.rules.BuiltInRules;
import dev.sidedoor.core.scan.Bootstrap;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.tuning.Tuning;
import dev.sidedoor.core.tuning.TuningException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every finding of the repository's examples/ (built-in rules, examples/tuning.yml, correlations), plus variants
 * that the examples do not produce on their own: a suppressed one and one compared with a baseline.
 */
final class ExampleFindings {

    private ExampleFindings() {
    }

    static Path examples() {
        return Paths.get(System.getProperty("user.dir")).resolve("../examples").normalize();
    }

    static List<Finding> all() throws IOException, TuningException {
        Path dir = examples();
        Bootstrap.Rules loaded = Bootstrap.loadRules(BuiltInRules::load, List.of());
        Engine engine = new Engine(loaded.rules(), loaded.correlations(), Tuning.load(dir.resolve("tuning.yml")),
                Clock.systemUTC(), false);
        List<Finding> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".md") && !p.endsWith("tuning.yml"))
                    .sorted().toList();
        }
        for (Path p : files) {
            try (InputStream in = Files.newInputStream(p)) {
                InputResult r = engine.scan(in, dir.relativize(p).toString());
                out.addAll(r.findings());
            }
        }
        out.addAll(loaded.correlations().evaluate(out));
        Finding first = out.get(0);
        out.add(first.withSuppression(new Finding.SuppressionRef("example-suppression", "a reviewer's reason",
                "2027-01-31")));
        out.add(first.withBaseline(new Finding.Baseline("routine", List.of(), "seen on 12 of the last 30 days",
                first.actor(), "2026-10-01", "2026-11-17", 12), first.severity(), "routine for this person"));
        out.add(first.withBaseline(new Finding.Baseline("novel", List.of("network 198.51.0.0/16"), "new network",
                first.actor(), null, null, 0), first.severity(), null));
        return out;
    }
}
