package dev.sidedoor.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.detect.EventDocument;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Normalizer;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.read.RecordSink;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Every built-in rule against its own fixtures: events that must match and look-alikes that must not. Fixtures
 * go through the real reader and normaliser, so REST-shaped Azure records are flattened as in production.
 */
class RulePackTest {

    private static final LogReader READER = new LogReader();
    private static final Normalizer NORMALIZER = new Normalizer(READER.trees());

    static Path fixtures() throws URISyntaxException {
        return Paths.get(RulePackTest.class.getClassLoader().getResource("rule-fixtures").toURI());
    }

    @Test
    void everyRuleHasMatchAndLookAlikeFixtures() throws Exception {
        List<String> missing = new ArrayList<>();
        for (SigmaRule rule : BuiltInRules.load()) {
            Path dir = fixtures().resolve(rule.name());
            if (count(dir.resolve("match")) < 3 || count(dir.resolve("nomatch")) < 3) {
                missing.add(rule.name());
            }
        }
        assertTrue(missing.isEmpty(), "rules without >=3 match and >=3 nomatch fixtures: " + missing);
    }

    /** Rules are discovered: every file in the rules folder is loaded, with no list to keep by hand. */
    @Test
    void everyRuleFileInTheFolderIsLoaded() throws Exception {
        Path folder = Paths.get("src", "main", "resources", "dev", "sidedoor", "rules");
        Set<String> files = new java.util.TreeSet<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> p.toString().endsWith(".yml"))
                    .forEach(p -> files.add(p.getFileName().toString().replace(".yml", "")));
        }
        Set<String> loaded = new java.util.TreeSet<>();
        BuiltInRules.load().forEach(r -> loaded.add(r.name()));
        BuiltInRules.correlations().forEach(c -> loaded.add(c.name()));
        assertEquals(files, loaded, "rule files in " + folder + " and the rules the pack loads");
        assertTrue(files.size() >= 50, "the whole pack: " + files.size());
    }

    @Test
    void aFunctionCanLoadOnlyTheFoldersItsLogsNeed() {
        List<SigmaRule> aws = BuiltInRules.loadFolders("aws");
        assertFalse(aws.isEmpty());
        assertTrue(aws.stream().allMatch(r -> r.name().startsWith("aws_")), aws.toString());
        assertEquals(BuiltInRules.load().stream().filter(r -> r.name().startsWith("aws_")).count(), aws.size());
        assertEquals(0, BuiltInRules.loadFolders("no-such-folder").size());
    }

    @Test
    void ruleIdsAndNamesAreUniqueAndRulesAreTagged() {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (SigmaRule rule : BuiltInRules.load()) {
            assertTrue(ids.add(rule.id()), "duplicate id " + rule.id());
            assertTrue(names.add(rule.name()), "duplicate name " + rule.name());
            assertNotNull(rule.level(), rule.name() + " has no level");
            assertFalse(rule.falsePositives().isEmpty(), rule.name() + " lists no false positives");
            assertTrue(rule.tags().stream().anyMatch(t -> t.matches("attack\\.t\\d{4}(\\.\\d{3})?")),
                    rule.name() + " has no ATT&CK technique tag");
        }
        assertTrue(ids.size() >= 20, "expected the full pack, got " + ids.size());
    }

    @TestFactory
    Stream<DynamicTest> fixturesMatchOnlyTheirRule() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (SigmaRule rule : BuiltInRules.load()) {
            Path dir = fixtures().resolve(rule.name());
            for (String kind : new String[] {"match", "nomatch"}) {
                Path sub = dir.resolve(kind);
                if (!Files.isDirectory(sub)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(sub)) {
                    for (Path f : files.sorted().toList()) {
                        boolean expected = kind.equals("match");
                        tests.add(DynamicTest.dynamicTest(rule.name() + "/" + kind + "/" + f.getFileName(),
                                () -> assertEquals(expected, matches(rule, f),
                                        rule.name() + (expected ? " must match " : " must not match ") + f)));
                    }
                }
            }
        }
        return tests.stream();
    }

    /** A must-match fixture also yields a finding through the whole engine (routing by logsource included). */
    @TestFactory
    Stream<DynamicTest> matchFixturesProduceFindingsThroughTheEngine() throws Exception {
        Engine engine = new Engine(BuiltInRules.load(), Tuning.none(), Clock.systemUTC());
        List<DynamicTest> tests = new ArrayList<>();
        for (SigmaRule rule : BuiltInRules.load()) {
            Path sub = fixtures().resolve(rule.name()).resolve("match");
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                for (Path f : files.sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(rule.name() + "/" + f.getFileName(), () -> {
                        try (InputStream in = Files.newInputStream(f)) {
                            InputResult r = engine.scan(in, f.toString());
                            assertEquals(0, r.stats().rejectedTotal(), "rejections: " + r.rejections());
                            // A broader rule's finding may give way to a more specific one on the same event.
                            java.util.Set<String> accepted = new java.util.HashSet<>(
                                    engine.detector().supersededBy(rule.name()));
                            accepted.add(rule.name());
                            assertTrue(r.findings().stream().anyMatch(x -> accepted.contains(x.rule().name())),
                                    "no finding from " + rule.name() + " (or a rule superseding it) for " + f);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** What chat shows of each runbook part (ChatNotification.STEP_MAX); longer text is cut off there. */
    private static final int RUNBOOK_PART_MAX = 300;

    /**
     * Every detection rule has a responder's guide, and it reaches the finding: each rule alone scans its first
     * must-match fixture and the finding carries check, confirm and contain, none blank or too long for chat.
     */
    @Test
    void everyRuleHasARunbookOnItsFindings() throws Exception {
        List<String> problems = new ArrayList<>();
        for (SigmaRule rule : BuiltInRules.load()) {
            Path fixture;
            try (Stream<Path> files = Files.list(fixtures().resolve(rule.name()).resolve("match"))) {
                fixture = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
            }
            Engine engine = new Engine(List.of(rule), Tuning.none(), Clock.systemUTC());
            Finding finding;
            try (InputStream in = Files.newInputStream(fixture)) {
                finding = engine.scan(in, fixture.toString()).findings().stream()
                        .filter(f -> f.rule().name().equals(rule.name())).findFirst().orElseThrow();
            }
            Finding.Runbook book = finding.rule().runbook();
            if (book == null) {
                problems.add(rule.name() + ": no sidedoor: runbook:");
                continue;
            }
            problems.addAll(runbookProblems(rule.name(), book.check(), book.confirm(), book.contain()));
        }
        assertTrue(problems.isEmpty(), "runbook problems:\n  " + String.join("\n  ", problems));
    }

    /** The correlation rules carry a runbook too, read from their YAML as the engine reads a rule's. */
    @Test
    void everyCorrelationRuleHasARunbook() throws Exception {
        ClassLoader loader = BuiltInRules.class.getClassLoader();
        String index;
        try (InputStream in = loader.getResourceAsStream(BuiltInRules.INDEX)) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> problems = new ArrayList<>();
        int seen = 0;
        for (String entry : index.split("\\R")) {
            if (!entry.startsWith(BuiltInRules.CORRELATIONS)) {
                continue;
            }
            seen++;
            Object doc;
            try (InputStream in = loader.getResourceAsStream(entry)) {
                doc = new Yaml().load(in);
            }
            Object block = doc instanceof Map<?, ?> top ? top.get("sidedoor") : null;
            Object book = block instanceof Map<?, ?> map ? map.get("runbook") : null;
            if (!(book instanceof Map<?, ?> parts)) {
                problems.add(entry + ": no sidedoor: runbook:");
                continue;
            }
            problems.addAll(runbookProblems(entry, folded(parts.get("check")), folded(parts.get("confirm")),
                    folded(parts.get("contain"))));
        }
        assertEquals(BuiltInRules.correlations().size(), seen, "correlation files in " + BuiltInRules.INDEX);
        assertTrue(problems.isEmpty(), "runbook problems:\n  " + String.join("\n  ", problems));
    }

    /** As the engine folds a runbook part: whitespace runs become one space; blank is absent. */
    private static String folded(Object o) {
        return o instanceof String s && !s.isBlank() ? s.strip().replaceAll("\\s+", " ") : null;
    }

    private static List<String> runbookProblems(String rule, String check, String confirm, String contain) {
        List<String> problems = new ArrayList<>();
        String[] names = {"check", "confirm", "contain"};
        String[] parts = {check, confirm, contain};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null || parts[i].isBlank()) {
                problems.add(rule + ": runbook " + names[i] + " is missing or blank");
            } else if (parts[i].length() >= RUNBOOK_PART_MAX) {
                problems.add(rule + ": runbook " + names[i] + " is " + parts[i].length() + " characters (chat shows "
                        + RUNBOOK_PART_MAX + ")");
            }
        }
        return problems;
    }

    static boolean matches(SigmaRule rule, Path file) throws IOException {
        List<AuditEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            READER.read(in, file.toString(), new RecordSink() {
                @Override
                public void record(dev.sidedoor.core.read.Position position, JsonNode record) {
                    AuditEvent e = NORMALIZER.normalize(record);
                    if (e == null) {
                        problems.add(position + ": not recognised");
                    } else {
                        events.add(e);
                    }
                }

                @Override
                public void rejected(Rejection rejection) {
                    problems.add(rejection.message());
                }

                @Override
                public void skipped(String reason) {
                    problems.add(reason);
                }
            });
        }
        assertTrue(problems.isEmpty(), file + ": " + problems);
        assertEquals(1, events.size(), file + " must hold exactly one record");
        return rule.matches(new EventDocument(events.get(0)));
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}
