package dev.sidedoor.core.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The four correlation types over hand-made findings: counts, window edges, order, groups, determinism. */
class EvaluationTest {

    private static final Correlations THREE_IN_A_MINUTE = Correlate.with("""
            title: three a per actor in a minute
            id: count3
            correlation:
                type: event_count
                rules: [a]
                group-by: [sidedoor.actor]
                timespan: 1m
                condition: {gte: 3}
            level: high
            tags: [attack.lateral_movement, attack.t1021.008]
            """);

    private static List<Finding> a(long... seconds) {
        List<Finding> out = new ArrayList<>();
        for (long s : seconds) {
            out.add(Findings.of("a").at(s).build());
        }
        return out;
    }

    @Test
    void eventCountFiresOnTheFindingThatReachesTheCount() {
        List<Finding> out = THREE_IN_A_MINUTE.evaluate(a(0, 20, 40, 50));
        assertEquals(1, out.size(), Correlate.summaries(out).toString());
        Finding f = out.get(0);
        assertEquals("2026-11-18T10:00:40Z", f.event().time(), "the third finding completes it");
        assertEquals("3", f.context().get("correlation_count"));
        assertEquals("event_count", f.context().get("correlation_type"));
        assertEquals("1m", f.context().get("correlation_window"));
        assertEquals("2026-11-18T10:00:00Z", f.context().get("correlation_first"));
        assertEquals(3, f.context().get("correlation_findings").split(",").length);
        assertEquals(Severity.HIGH, f.severity());
        assertEquals(List.of("T1021.008"), f.techniques());
        assertEquals(List.of("lateral_movement"), f.tactics());
        assertEquals("count3", f.rule().id());
        assertEquals("arn:aws:sts::111122223333:assumed-role/Admin/alice", f.actor());
        assertEquals("three a per actor in a minute: sidedoor.actor=arn:aws:sts::111122223333:assumed-role/Admin/"
                + "alice - 3 events within 1m", f.summary());
    }

    @Test
    void windowIncludesAFindingExactlyOneTimespanEarlier() {
        assertEquals(1, THREE_IN_A_MINUTE.evaluate(a(0, 30, 60)).size(), "60 s apart is within 1m");
    }

    @Test
    void windowExcludesAFindingJustOutside() {
        List<Finding> justOutside = new ArrayList<>(a(30));
        justOutside.add(Findings.of("a").atMillis(0).build());
        justOutside.add(Findings.of("a").atMillis(60_001).build());
        assertTrue(THREE_IN_A_MINUTE.evaluate(justOutside).isEmpty(), "60.001 s apart is outside 1m");
    }

    @Test
    void aGroupStartsAfreshAfterFiring() {
        assertEquals(1, THREE_IN_A_MINUTE.evaluate(a(0, 1, 2, 3, 4)).size(), "five in a burst fire once");
        assertEquals(2, THREE_IN_A_MINUTE.evaluate(a(0, 1, 2, 3, 4, 5)).size(), "six are two bursts of three");
    }

    @Test
    void groupsAreCountedApart() {
        List<Finding> in = new ArrayList<>(a(0, 10));
        in.add(Findings.of("a").at(20).actor("arn:aws:sts::111122223333:assumed-role/Admin/bob").build());
        assertTrue(THREE_IN_A_MINUTE.evaluate(in).isEmpty());
    }

    @Test
    void oneEventMatchedByTwoRulesCountsOnce() {
        Correlations c = Correlate.with("""
                title: two events
                correlation:
                    type: event_count
                    rules: [a, b]
                    group-by: [sidedoor.actor]
                    timespan: 1m
                    condition: {gte: 2}
                """);
        Finding first = Findings.of("a").at(0).event("e1").build();
        Finding same = Findings.of("b").at(0).event("e1").build();
        assertTrue(c.evaluate(List.of(first, same)).isEmpty());
        assertEquals(1, c.evaluate(List.of(first, same, Findings.of("b").at(5).event("e2").build())).size());
    }

    @Test
    void inputOrderDoesNotChangeTheResult() {
        List<Finding> in = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            in.add(Findings.of("a").at(i * 7L).actor("actor-" + (i % 3)).build());
        }
        List<Finding> expected = THREE_IN_A_MINUTE.evaluate(in);
        assertFalse(expected.isEmpty());
        for (int seed = 0; seed < 5; seed++) {
            List<Finding> shuffled = new ArrayList<>(in);
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.add(shuffled.get(0));
            assertEquals(expected, THREE_IN_A_MINUTE.evaluate(shuffled), "seed " + seed);
        }
    }

    @Test
    void findingsWithoutAReadableTimeOrAGroupValueTakeNoPart() {
        List<Finding> in = new ArrayList<>(a(0, 10));
        in.add(Findings.of("a").at(20).actor(null).build());
        assertTrue(THREE_IN_A_MINUTE.evaluate(in).isEmpty());
    }

    @Test
    void valueCountCountsDistinctValues() {
        Correlations c = Correlate.with("""
                title: many instances
                correlation:
                    type: value_count
                    rules: [a, b]
                    group-by: [sidedoor.actor]
                    timespan: 1h
                    condition:
                        field: sidedoor.target
                        gt: 2
                """);
        List<Finding> in = new ArrayList<>();
        in.add(Findings.of("a").at(0).target("i-1").build());
        in.add(Findings.of("a").at(60).target("i-1").build());
        in.add(Findings.of("b").at(120).target("i-2").build());
        assertTrue(c.evaluate(in).isEmpty(), "two distinct targets");
        in.add(Findings.of("b").at(3600).target("i-3").build());
        List<Finding> out = c.evaluate(in);
        assertEquals(1, out.size());
        assertEquals("3", out.get(0).context().get("correlation_count"));
        assertTrue(out.get(0).summary().endsWith(" - 3 distinct sidedoor.target within 1h"), out.get(0).summary());
        assertNull(out.get(0).target(), "the targets differ");
        in.add(0, Findings.of("b").at(-1).target("i-4").build());
        out = c.evaluate(in);
        assertEquals(1, out.size(), "i-4 makes three at 120 s; i-3 alone an hour later is not enough");
        assertEquals("2026-11-18T10:02:00Z", out.get(0).event().time());
    }

    @Test
    void valueCountReadsCapturedRecordFields() {
        Correlations c = Correlate.with("""
                title: many regions
                correlation:
                    type: value_count
                    rules: [a]
                    group-by: [userIdentity.accessKeyId]
                    timespan: 10m
                    condition: {field: awsRegion, gte: 2}
                """);
        List<Finding> out = c.evaluate(List.of(
                Findings.of("a").at(0).field("userIdentity.accessKeyId", "AKIA1").field("awsRegion", "eu-west-1")
                        .build(),
                Findings.of("a").at(1).field("userIdentity.accessKeyId", "AKIA1").field("awsRegion", "us-east-1")
                        .build(),
                Findings.of("a").at(2).field("userIdentity.accessKeyId", "AKIA2").field("awsRegion", "eu-west-2")
                        .build()));
        assertEquals(1, out.size());
        assertEquals("userIdentity.accessKeyId=AKIA1", out.get(0).context().get("correlation_group"));
    }

    @Test
    void temporalNeedsEveryRuleInAnyOrder() {
        Correlations c = Correlate.with("""
                title: a b c together
                correlation:
                    type: temporal
                    rules: [a, b, c]
                    group-by: [sidedoor.account]
                    timespan: 5m
                """);
        Finding cFirst = Findings.of("c").at(0).build();
        Finding aNext = Findings.of("a").at(100).build();
        Finding bLast = Findings.of("b").at(300).build();
        List<Finding> out = c.evaluate(List.of(bLast, aNext, cFirst));
        assertEquals(1, out.size());
        assertEquals(bLast.event().time(), out.get(0).event().time());
        assertEquals("3", out.get(0).context().get("correlation_count"));
        assertTrue(out.get(0).summary().endsWith(" - 3 of 3 rules within 5m"), out.get(0).summary());
        assertTrue(c.evaluate(List.of(cFirst, aNext, Findings.of("b").at(301).build())).isEmpty(), "5m + 1s");
        assertTrue(c.evaluate(List.of(cFirst, aNext)).isEmpty(), "b missing");
    }

    @Test
    void temporalWitnessesAreTheLatestFindingOfEachRule() {
        Correlations c = Correlate.with("""
                title: a and b
                correlation: {type: temporal, rules: [a, b], group-by: [sidedoor.account], timespan: 5m}
                """);
        Finding a1 = Findings.of("a").at(0).build();
        Finding a2 = Findings.of("a").at(10).build();
        Finding b = Findings.of("b").at(20).build();
        Finding out = c.evaluate(List.of(a1, a2, b)).get(0);
        assertEquals(a2.findingId() + "," + b.findingId(), out.context().get("correlation_findings"));
    }

    @Test
    void temporalConditionCountsRules() {
        Correlations c = Correlate.with("""
                title: two of three
                correlation:
                    type: temporal
                    rules: [a, b, c]
                    group-by: [sidedoor.account]
                    timespan: 5m
                    condition: {gte: 2}
                """);
        assertEquals(1, c.evaluate(List.of(Findings.of("c").at(0).build(), Findings.of("a").at(1).build())).size());
    }

    private static final Correlations A_THEN_B = Correlate.with("""
            title: a then b
            correlation:
                type: temporal_ordered
                rules: [a, b]
                group-by: [sidedoor.account]
                timespan: 1h
            """);

    @Test
    void temporalOrderedNeedsTheListedOrder() {
        assertEquals(1, A_THEN_B.evaluate(List.of(Findings.of("a").at(0).build(),
                Findings.of("b").at(3600).build())).size(), "b exactly 1h after a");
        assertTrue(A_THEN_B.evaluate(List.of(Findings.of("b").at(0).build(),
                Findings.of("a").at(10).build())).isEmpty(), "wrong order");
        assertTrue(A_THEN_B.evaluate(List.of(Findings.of("a").at(0).build(),
                Findings.of("b").at(3601).build())).isEmpty(), "outside the window");
        assertTrue(A_THEN_B.evaluate(List.of(Findings.of("a").at(0).build(),
                Findings.of("b").at(10).account("999988887777").build())).isEmpty(), "different group");
    }

    @Test
    void temporalOrderedTakesTheSameSecondAsInOrder() {
        Finding b = Findings.of("b").at(5).build();
        Finding a = Findings.of("a").at(5).build();
        assertEquals(1, A_THEN_B.evaluate(List.of(b, a)).size());
    }

    @Test
    void temporalOrderedUsesTheLatestStart() {
        // a at 0 is too old for b at 4000, but the a at 3000 is not.
        List<Finding> out = A_THEN_B.evaluate(List.of(Findings.of("a").at(0).build(),
                Findings.of("a").at(3000).build(), Findings.of("b").at(4000).build()));
        assertEquals(1, out.size());
        assertEquals("2026-11-18T10:50:00Z", out.get(0).context().get("correlation_first"));
    }

    @Test
    void temporalOrderedLongerChain() {
        Correlations c = Correlate.with("""
                title: a b c
                correlation: {type: temporal_ordered, rules: [a, b, c], group-by: [sidedoor.account], timespan: 10m}
                """);
        assertTrue(c.evaluate(List.of(Findings.of("a").at(0).build(), Findings.of("c").at(1).build(),
                Findings.of("b").at(2).build())).isEmpty(), "c before b");
        assertEquals(1, c.evaluate(List.of(Findings.of("a").at(0).build(), Findings.of("c").at(1).build(),
                Findings.of("b").at(2).build(), Findings.of("c").at(3).build())).size());
    }

    @Test
    void boundedConditionsDecideAWindowWhenItIsOver() {
        Correlations exactly2 = Correlate.with("""
                title: exactly two
                correlation:
                    type: event_count
                    rules: [a]
                    group-by: [sidedoor.actor]
                    timespan: 1m
                    condition: {eq: 2}
                """);
        assertEquals(1, exactly2.evaluate(a(0, 60)).size(), "the window at 0 holds two, judged at the end");
        assertTrue(exactly2.evaluate(a(0, 30, 60)).isEmpty(), "three in the window at 0: the burst is discarded whole");
        List<Finding> out = exactly2.evaluate(a(0, 30, 61, 200));
        assertEquals(1, out.size(), "the window at 0 holds two, closed by the finding at 61");
        assertEquals("2026-11-18T10:00:30Z", out.get(0).event().time(), "the last finding in the window");
    }

    @Test
    void rangeConditions() {
        Correlations c = Correlate.with("""
                title: two or three
                correlation:
                    type: event_count
                    rules: [a]
                    group-by: [sidedoor.actor]
                    timespan: 1m
                    condition: {gt: 1, lte: 3}
                """);
        assertEquals(1, c.evaluate(a(0, 10, 20)).size());
        assertTrue(c.evaluate(a(0, 10, 20, 30)).isEmpty());
        assertTrue(c.evaluate(a(0)).isEmpty());
        Correlations fewer = Correlate.with("""
                title: a lone one
                correlation:
                    type: event_count
                    rules: [a]
                    group-by: [sidedoor.actor]
                    timespan: 1m
                    condition: {lt: 2}
                """);
        // Windows start at each finding: [0, 60] holds one; [300, 360] holds two, a pair, not a lone one.
        assertEquals(List.of("2026-11-18T10:00:00Z"),
                fewer.evaluate(a(0, 300, 301)).stream().map(f -> f.event().time()).toList());
    }

    /**
     * The outer correlation groups by a record field the inner one does not: the detector keeps it for the inner
     * correlation's rule, and the inner findings pass it on when all their findings agree.
     */
    @Test
    void chainsPassOnFieldsTheirFindingsShare() {
        String yaml = Correlate.RULES + "---\n" + """
                title: burst
                name: burst
                correlation:
                    type: event_count
                    rules: [a]
                    group-by: [sidedoor.actor]
                    timespan: 1m
                    condition: {gte: 2}
                ---
                title: burst then b in the same project
                correlation:
                    type: temporal_ordered
                    rules: [burst, b]
                    group-by: [project]
                    timespan: 1h
                """;
        dev.sidedoor.core.sigma.SigmaParser.RuleFile file = parse(yaml);
        Correlations c = Correlations.link(file.rules(), file.correlations()).correlations();
        assertEquals(List.of("project"), c.fieldsToCapture(file.rules().get(0)), "rule a, for the inner one");
        assertEquals(List.of("project"), c.fieldsToCapture(file.rules().get(1)), "rule b");
        assertEquals(List.of(), c.fieldsToCapture(file.rules().get(2)), "rule c: no correlation refers to it");
        List<Finding> out = c.evaluate(List.of(Findings.of("a").at(0).field("project", "p1").build(),
                Findings.of("a").at(10).field("project", "p1").build(),
                Findings.of("b").at(600).field("project", "p1").build()));
        assertEquals(List.of("mr_test#4", "mr_test#5"), out.stream().map(f -> f.rule().name()).toList());
        assertEquals("p1", out.get(0).context().get("group_by.project"));
        assertEquals("project=p1", out.get(1).context().get("correlation_group"));
        List<Finding> mixed = c.evaluate(List.of(Findings.of("a").at(0).field("project", "p1").build(),
                Findings.of("a").at(10).field("project", "p2").build(),
                Findings.of("b").at(600).field("project", "p1").build()));
        assertEquals(1, mixed.size(), "the burst spans two projects: it has no project to pass on");
    }

    private static dev.sidedoor.core.sigma.SigmaParser.RuleFile parse(String yaml) {
        try {
            return dev.sidedoor.core.sigma.SigmaParser.parseFile(yaml, "test/mr_test.yml");
        } catch (dev.sidedoor.core.sigma.SigmaException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void baseFindingsStayShownWhenAnyCorrelationGeneratesThem() {
        Correlations c = Correlate.with("""
                title: quiet
                correlation: {type: temporal, rules: [a, b], group-by: [x], timespan: 1h}
                ---
                title: loud
                correlation: {type: temporal, rules: [b, c], group-by: [x], timespan: 1h}
                generate: true
                """);
        assertTrue(c.suppressBaseFindings("a"));
        assertFalse(c.suppressBaseFindings("b"));
        assertFalse(c.suppressBaseFindings("c"));
    }

    @Test
    void idsAreDeterministicAndDependOnTheFindings() {
        List<Finding> in = a(0, 1, 2);
        String id = THREE_IN_A_MINUTE.evaluate(in).get(0).findingId();
        assertEquals(id, THREE_IN_A_MINUTE.evaluate(a(0, 1, 2)).get(0).findingId());
        assertFalse(id.equals(THREE_IN_A_MINUTE.evaluate(a(0, 1, 3)).get(0).findingId()));
        assertTrue(id.startsWith("sd-"));
    }

    @Test
    void contributingIdsAreCapped() {
        Correlations c = Correlate.with("""
                title: many
                correlation:
                    type: event_count
                    rules: [a]
                    group-by: [sidedoor.actor]
                    timespan: 1h
                    condition: {gte: 60}
                """);
        long[] seconds = new long[60];
        for (int i = 0; i < 60; i++) {
            seconds[i] = i;
        }
        String listed = c.evaluate(a(seconds)).get(0).context().get("correlation_findings");
        assertTrue(listed.endsWith(" (+10 more)"), listed);
        assertEquals(50, listed.substring(0, listed.indexOf(' ')).split(",").length);
    }
}
