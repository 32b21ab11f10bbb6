package dev.sidedoor.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.correlation.Correlations;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.sigma.SigmaCorrelation;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The built-in correlation rules against their fixtures. A correlation's fixture is a JSON Lines file of several
 * records (in {@code rule-fixtures/<correlation name>/match/} or {@code nomatch/}): the records go through the
 * whole engine, then the correlations run over the findings, as a scan would.
 */
class CorrelationPackTest {

    private static final List<SigmaRule> RULES = BuiltInRules.load();
    private static final Correlations.Linked LINKED = Correlations.link(RULES, BuiltInRules.correlations());
    private static final Engine ENGINE = new Engine(RULES, LINKED.correlations(), Tuning.none(),
            Clock.systemUTC(), false);

    @Test
    void everyCorrelationLinksAndIsDocumented() {
        assertTrue(LINKED.errors().isEmpty(), LINKED.errors().toString());
        List<SigmaCorrelation> all = LINKED.correlations().rules();
        assertEquals(BuiltInRules.correlations().size(), all.size());
        assertTrue(all.size() >= 5, "expected the full set, got " + all.size());
        for (SigmaCorrelation c : all) {
            assertNotNull(c.level(), c.name() + " has no level");
            assertFalse(c.falsePositives().isEmpty(), c.name() + " lists no false positives");
            assertTrue(c.tags().contains("attack.t1021.008"), c.name() + " has no ATT&CK technique tag");
            assertTrue(c.name().startsWith("mr_"), c.name() + ": the specification's prefix for meta rules");
            assertTrue(c.generate(), c.name() + ": the access rules' own findings must stay visible");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SigmaRule r : RULES) {
            assertFalse(LINKED.correlations().suppressBaseFindings(r.id()), r.name());
            ids.add(r.id());
            names.add(r.name());
        }
        for (SigmaCorrelation c : all) {
            assertTrue(ids.add(c.id()), "duplicate id " + c.id());
            assertTrue(names.add(c.name()), "duplicate name " + c.name());
        }
    }

    @Test
    void everyCorrelationHasMatchAndLookAlikeFixtures() throws Exception {
        List<String> missing = new ArrayList<>();
        for (SigmaCorrelation c : LINKED.correlations().rules()) {
            Path dir = RulePackTest.fixtures().resolve(c.name());
            if (count(dir.resolve("match")) < 1 || count(dir.resolve("nomatch")) < 2) {
                missing.add(c.name());
            }
        }
        assertTrue(missing.isEmpty(), "correlations without >=1 match and >=2 nomatch .jsonl fixtures: " + missing);
    }

    @TestFactory
    Stream<DynamicTest> fixturesCorrelateOnlyWhenTheyShould() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (SigmaCorrelation c : LINKED.correlations().rules()) {
            for (String kind : new String[] {"match", "nomatch"}) {
                Path sub = RulePackTest.fixtures().resolve(c.name()).resolve(kind);
                if (!Files.isDirectory(sub)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(sub)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                        boolean expected = kind.equals("match");
                        tests.add(DynamicTest.dynamicTest(c.name() + "/" + kind + "/" + f.getFileName(),
                                () -> check(c, f, expected)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static void check(SigmaCorrelation c, Path file, boolean expected) throws IOException {
        InputResult r;
        try (InputStream in = Files.newInputStream(file)) {
            r = ENGINE.scan(in, file.toString());
        }
        assertEquals(0, r.stats().rejectedTotal(), "rejections: " + r.rejections());
        assertTrue(r.findings().size() >= 2, file + ": every record should give a base finding: " + r.findings());
        List<Finding> mine = LINKED.correlations().evaluate(r.findings()).stream()
                .filter(f -> f.rule().id().equals(c.id())).toList();
        if (!expected) {
            assertTrue(mine.isEmpty(), c.name() + " must not fire on " + file + ": " + mine);
            return;
        }
        assertEquals(1, mine.size(), c.name() + " must fire once on " + file);
        Finding f = mine.get(0);
        assertEquals(c.name(), f.rule().name());
        assertNotNull(f.rule().runbook(), c.name() + ": the correlation's runbook travels with its finding");
        assertEquals(c.level(), f.severity().label());
        assertEquals(List.of("T1021.008"), f.techniques());
        assertTrue(f.summary().startsWith(c.title() + ": "), f.summary());
        assertTrue(f.summary().endsWith(" within " + c.timespan()), f.summary());
        assertEquals(c.type().label(), f.context().get("correlation_type"));
        for (String id : f.context().get("correlation_findings").split(",")) {
            assertTrue(r.findings().stream().anyMatch(b -> b.findingId().equals(id)), "unknown finding " + id);
        }
    }

    /**
     * Findings carry the record fields their correlations group by (recipientAccountId, awsRegion for the EC2
     * chains), and nothing for sidedoor's own fields, which a finding has anyway.
     */
    @Test
    void baseFindingsCarryOnlyTheFieldsCorrelationsNeed() throws Exception {
        Path f = RulePackTest.fixtures().resolve("mr_aws_ec2_serial_console_enabled_then_key_pushed/match")
                .resolve("01_enabled_then_key_pushed_six_minutes_later.jsonl");
        List<Finding> found;
        try (InputStream in = Files.newInputStream(f)) {
            found = ENGINE.scan(in, f.toString()).findings();
        }
        assertEquals(2, found.size());
        for (Finding b : found) {
            assertEquals("403918276512", b.context().get("group_by.recipientAccountId"), b.rule().name());
            assertEquals("eu-west-1", b.context().get("group_by.awsRegion"), b.rule().name());
        }
        Path sessions = RulePackTest.fixtures().resolve("mr_direct_vm_access_many_instances/match")
                .resolve("01_six_instances_in_forty_minutes_by_sessions_commands_and_keys.jsonl");
        try (InputStream in = Files.newInputStream(sessions)) {
            for (Finding b : ENGINE.scan(in, sessions.toString()).findings()) {
                assertTrue(b.context().keySet().stream().noneMatch(k -> k.startsWith("group_by.")), b.toString());
            }
        }
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).count();
        }
    }
}
