package dev.sidedoor.core.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broken correlation rules are refused with the file and line to fix, at load or when linked. */
class CorrelationErrorTest {

    private static SigmaException parseError(String yaml) {
        return assertThrows(SigmaException.class, () -> SigmaParser.parseFile(yaml, "rules/mr_bad.yml"));
    }

    private static void assertError(SigmaException e, int line, String reason) {
        assertEquals("rules/mr_bad.yml", e.source(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith("rules/mr_bad.yml:" + line + ": "), e.getMessage());
    }

    private static String correlation(String body) {
        return "title: bad\ncorrelation:\n" + body.indent(4);
    }

    @Test
    void unknownAndLaterTypes() {
        assertError(parseError(correlation("type: event_counts\nrules: [a]\ngroup-by: [x]\ntimespan: 1h\n"
                + "condition: {gte: 1}")), 3, "unknown correlation type 'event_counts'");
        assertError(parseError(correlation("type: value_sum\nrules: [a]\ngroup-by: [x]\ntimespan: 1h\n"
                + "condition: {gte: 1, field: x}")), 3, "later Sigma extension");
        assertError(parseError(correlation("rules: [a]\ngroup-by: [x]\ntimespan: 1h")), 2, "has no type");
    }

    @Test
    void badTimespans() {
        for (String span : List.of("1H", "1w", "0m", "90", "1.5h", "h", "-1m", "12345678901s", "367d")) {
            assertError(parseError(correlation("type: temporal\nrules: [a, b]\ngroup-by: [x]\ntimespan: '" + span
                    + "'")), 6, "timespan");
        }
        assertError(parseError(correlation("type: temporal\nrules: [a, b]\ngroup-by: [x]")), 2, "no timespan");
    }

    @Test
    void groupByIsRequired() {
        assertError(parseError(correlation("type: event_count\nrules: [a]\ntimespan: 1h\ncondition: {gte: 1}")), 2,
                "has no group-by");
        assertError(parseError(correlation("type: event_count\nrules: [a]\ngroup-by: []\ntimespan: 1h\n"
                + "condition: {gte: 1}")), 5, "group-by is empty");
    }

    @Test
    void badConditions() {
        String head = "type: event_count\nrules: [a]\ngroup-by: [x]\ntimespan: 1h\n";
        assertError(parseError(correlation(head)), 2, "needs a condition");
        assertError(parseError(correlation(head + "condition: {gte: many}")), 7, "whole number");
        assertError(parseError(correlation(head + "condition: {gte: 2.5}")), 7, "whole number");
        assertError(parseError(correlation(head + "condition: {gte: -1}")), 7, "whole number");
        assertError(parseError(correlation(head + "condition: {above: 3}")), 7, "unknown condition 'above'");
        assertError(parseError(correlation(head + "condition: {gt: 5, lt: 3}")), 7, "can never be true");
        assertError(parseError(correlation(head + "condition: {gt: 1, gte: 3}")), 7, "both set a lower bound");
        assertError(parseError(correlation(head + "condition: {eq: 1, lt: 3}")), 7, "eq cannot be combined");
        assertError(parseError(correlation(head + "condition: {}")), 7, "needs gt, gte, lt, lte or eq");
        assertError(parseError(correlation(head + "condition: {gte: 1, field: x}")), 7, "only for value_count");
        assertError(parseError(correlation(head.replace("event_count", "value_count") + "condition: {gte: 1}")), 7,
                "needs field");
        assertError(parseError(correlation(head.replace("event_count", "temporal") + "condition: a and b")), 7,
                "boolean conditions");
        assertError(parseError(correlation(head.replace("event_count", "temporal") + "condition: {gte: 2}")), 7,
                "can never be true");
    }

    @Test
    void otherShapes() {
        String ok = "type: temporal\nrules: [a, b]\ngroup-by: [x]\ntimespan: 1h\n";
        assertError(parseError(correlation(ok + "group_by: [y]")), 7, "unknown key 'group_by' in correlation");
        assertError(parseError(correlation("type: temporal\nrules: [a, a]\ngroup-by: [x]\ntimespan: 1h")), 4,
                "listed twice");
        assertError(parseError(correlation(ok + "generate: maybe")), 7, "true or false");
        assertError(parseError(correlation(ok) + "generate: true\n".replace("true", "false") + "level: severe\n"),
                8, "unknown level 'severe'");
        assertError(parseError(correlation(ok + "aliases: {ip: [a]}")), 7, "must map rule names");
        assertError(parseError("title: t\nlogsource: {product: aws}\ndetection: {s: {a: 1}, condition: s}\n"
                + "correlation: {type: temporal}\n"), 4, "either a detection rule or a correlation rule");
        assertError(parseError("title: " + "x".repeat(257) + "\ncorrelation: {}\n"), 1, "at most 256");
    }

    /** Rule text is untrusted: list sizes and name lengths are bounded, and the error says so briefly. */
    @Test
    void sizesAreBounded() {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add("r" + i);
        }
        assertError(parseError(correlation("type: temporal\nrules: [" + String.join(", ", many)
                + "]\ngroup-by: [x]\ntimespan: 1h")), 4, "at most 64");
        assertError(parseError(correlation("type: temporal\nrules: [a, b]\ngroup-by: [" + String.join(", ",
                many.subList(0, 17)) + "]\ntimespan: 1h")), 5, "at most 16");
        SigmaException longName = parseError(correlation("type: temporal\nrules: [a, " + "b".repeat(100_000)
                + "]\ngroup-by: [x]\ntimespan: 1h"));
        assertError(longName, 4, "at most 256");
        assertTrue(longName.getMessage().length() < 300, longName.getMessage().length() + " characters");
        assertError(parseError(correlation("type: event_count\nrules: [a]\ngroup-by: [x]\ntimespan: 1h\n"
                + "condition: {gte: 99999999999}")), 7, "whole number from 0 to 1000000000");
    }

    @Test
    void detectionRuleParserRefusesCorrelations() {
        SigmaException e = assertThrows(SigmaException.class, () -> SigmaParser.parse(Correlate.RULES
                + "---\ntitle: c\ncorrelation: {type: temporal, rules: [a, b], group-by: [x], timespan: 1m}\n",
                "rules/mr_bad.yml"));
        assertError(e, 16, "load the file with RuleLoader");
    }

    private static SigmaException linkError(String correlation) {
        Correlations.Linked linked = Correlate.link(Correlate.RULES + "---\n" + correlation);
        assertEquals(1, linked.errors().size(), linked.errors().toString());
        return linked.errors().get(0);
    }

    @Test
    void unknownReferenceNamesItsLine() {
        SigmaException e = linkError("""
                title: c
                correlation:
                    type: temporal
                    rules:
                        - a
                        - no_such_rule
                    group-by: [x]
                    timespan: 1h
                """);
        assertEquals("test/mr_test.yml", e.source());
        assertEquals(21, e.line(), e.getMessage());
        assertTrue(e.reason().contains("no rule or correlation has the id or name 'no_such_rule'"), e.getMessage());
    }

    @Test
    void loopsAreRefused() {
        Correlations.Linked linked = Correlate.link(Correlate.RULES + """
                ---
                title: one
                name: one
                correlation: {type: event_count, rules: [two], group-by: [x], timespan: 1h, condition: {gte: 1}}
                ---
                title: two
                name: two
                correlation: {type: event_count, rules: [one, a], group-by: [x], timespan: 1h, condition: {gte: 1}}
                ---
                title: three
                correlation: {type: temporal, rules: [two, b], group-by: [x], timespan: 1h}
                """);
        assertTrue(linked.correlations().isEmpty());
        List<String> messages = linked.errors().stream().map(SigmaException::getMessage).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains(":16: the correlation chain loops: one -> two -> one")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains(":25: correlation 'two'")
                && m.contains("has errors")), messages.toString());
    }

    @Test
    void selfReferenceAndDuplicates() {
        assertTrue(linkError("""
                title: c
                name: me
                correlation: {type: temporal, rules: [me, a], group-by: [x], timespan: 1h}
                """).reason().contains("refers to itself"));
        assertTrue(linkError("""
                title: c
                correlation: {type: temporal, rules: [a, mr_test], group-by: [x], timespan: 1h}
                """).reason().contains("already listed"), "the id a and the stem mr_test are one rule");
    }

    @Test
    void ambiguousNamesAndSharedIds() {
        Correlations.Linked linked = Correlate.link(Correlate.RULES + """
                ---
                title: copy of a
                id: a
                logsource: {product: aws}
                detection: {sel: {eventName: A}, condition: sel}
                ---
                title: c
                correlation: {type: temporal, rules: [a, b], group-by: [x], timespan: 1h}
                """);
        assertEquals(1, linked.errors().size(), linked.errors().toString());
        assertTrue(linked.errors().get(0).reason().contains("'a' is ambiguous"), linked.errors().toString());
    }

    @Test
    void aliasesMustNameListedRules() {
        SigmaException e = linkError("""
                title: c
                correlation:
                    type: temporal
                    rules: [a, b]
                    group-by: [ip]
                    timespan: 1h
                    aliases:
                        ip:
                            a: source.ip
                            c: destination.ip
                """);
        assertEquals(25, e.line(), e.getMessage());
        assertTrue(e.reason().contains("not list in rules"), e.getMessage());
    }
}
