package dev.sidedoor.core.sigma;

import static dev.sidedoor.core.sigma.TestRules.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Broken rules must name the file and the line to fix. Line numbers below are 1-based lines of each text. */
class ErrorTest {

    private static void assertError(SigmaException e, int line, String fragment) {
        assertEquals("broken.yml", e.source());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.reason().contains(fragment), "expected '" + fragment + "' in: " + e.reason());
        assertEquals("broken.yml:" + line + ": " + e.reason(), e.getMessage());
    }

    @Test
    void unknownModifier() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        eventName: x
                        eventSource|containz: ssm
                    condition: sel
                """), 5, "unknown modifier 'containz'");
    }

    @Test
    void conditionSyntaxNamesTheToken() {
        SigmaException e = error("""
                title: t
                detection:
                    sel:
                        a: 1
                    condition: sel and or sel
                """);
        assertError(e, 5, "unexpected 'or' at position 9");

        assertError(error("""
                title: t
                detection:
                    sel:
                        a: 1
                    condition: (sel
                """), 5, "missing ')'");

        assertError(error("""
                title: t
                detection:
                    sel:
                        a: 1
                    condition: sel sel
                """), 5, "unexpected 'sel' at position 5");

        assertError(error("""
                title: t
                detection:
                    sel:
                        a: 1
                    condition: sel and
                """), 5, "unexpected end of condition after 'and'");
    }

    @Test
    void undefinedIdentifier() {
        assertError(error("""
                title: t
                detection:
                    selection:
                        a: 1
                    condition:
                        - selection
                        - selection and not filter
                """), 7, "undefined search identifier 'filter' at position 19");
    }

    @Test
    void patternMatchingNothing() {
        assertError(error("""
                title: t
                detection:
                    selection:
                        a: 1
                    condition: 1 of filter_*
                """), 5, "'filter_*' at position 6 matches no search identifier");
    }

    @Test
    void missingDetectionAndCondition() {
        assertError(error("""
                # a comment first
                title: t
                logsource:
                    product: aws
                """), 2, "no detection");
        assertError(error("""
                title: t
                detection:
                    sel:
                        a: 1
                """), 2, "no condition");
        assertError(error("""
                description: no title here
                detection:
                    sel:
                        a: 1
                    condition: sel
                """), 1, "no title");
    }

    @Test
    void invalidRegex() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        a|re: '(unclosed'
                    condition: sel
                """), 4, "invalid regular expression");
        // RE2 has no backreferences: such a pattern is rejected at load time, not at match time.
        assertError(error("""
                title: t
                detection:
                    sel:
                        a|re:
                            - 'fine'
                            - '(a)\\1'
                    condition: sel
                """), 6, "invalid regular expression");
    }

    @Test
    void quotedRuleTextIsClipped() {
        SigmaException e = error("title: t\ndetection:\n    sel:\n        a|gt: '" + "z".repeat(100_000)
                + "'\n    condition: sel\n");
        assertError(e, 4, "'gt' needs a number, not 'zzz");
        assertTrue(e.reason().endsWith("more characters)"), e.reason());
        assertTrue(e.getMessage().length() < SigmaException.MAX_REASON + 100, "length " + e.getMessage().length());
    }

    @Test
    void invalidCidr() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        ip|cidr:
                            - 10.0.0.0/8
                            - 10.0.0.0/33
                    condition: sel
                """), 6, "invalid CIDR '10.0.0.0/33'");
        assertError(error("""
                title: t
                detection:
                    sel:
                        ip|cidr: 10.1.2.3/8
                    condition: sel
                """), 4, "the address has bits set beyond the prefix (did you mean 10.0.0.0/8?)");
        assertError(error("""
                title: t
                detection:
                    sel:
                        ip|cidr: intranet
                    condition: sel
                """), 4, "not an IPv4 or IPv6 address");
    }

    @Test
    void existsNeedsBoolean() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        errorCode|exists: 'maybe'
                    condition: sel
                """), 4, "'exists' takes true or false");
    }

    @Test
    void aggregationsAreRejected() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        a: 1
                    timeframe: 5m
                    condition: sel | count() by userIdentity.arn > 5
                """), 6, "aggregations are not supported ('|' at position 5)");
    }

    @Test
    void conflictingAndMisplacedModifiers() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        a|contains|startswith: x
                    condition: sel
                """), 4, "conflicts");
        assertError(error("""
                title: t
                detection:
                    sel:
                        a|i: x
                    condition: sel
                """), 4, "sub-modifier of 're'");
        assertError(error("""
                title: t
                detection:
                    sel:
                        a|wide: x
                    condition: sel
                """), 4, "base64");
        assertError(error("""
                title: t
                detection:
                    sel:
                        a|gt: many
                    condition: sel
                """), 4, "'gt' needs a number");
        assertError(error("""
                title: t
                detection:
                    sel:
                        a|base64: 'who*'
                    condition: sel
                """), 4, "wildcards");
    }

    @Test
    void yamlSyntaxError() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        a: 1
                      b: 2
                    condition: sel
                """), 5, "invalid YAML");
    }

    @Test
    void duplicateKeys() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        a: 1
                    sel:
                        b: 1
                    condition: sel
                """), 5, "duplicate key 'sel'");
    }

    @Test
    void aliasBombIsStopped() {
        StringBuilder b = new StringBuilder("title: t\nx0: &a0 [lol, lol]\n");
        for (int i = 1; i <= 12; i++) {
            b.append("x").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        b.append("detection:\n    sel:\n        a: 1\n    condition: sel\n");
        SigmaException e = error(b.toString());
        assertTrue(e.reason().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void yamlTagsAreNeverInstantiated() {
        // SnakeYAML's own tag inspector already refuses global tags while composing; the engine refuses the rest.
        assertError(error("""
                title: t
                custom: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                detection:
                    sel:
                        a: 1
                    condition: sel
                """), 2, "tag is not allowed");
        assertError(error("""
                title: t
                detection:
                    sel:
                        a: !!binary aGVsbG8=
                    condition: sel
                """), 4, "unsupported YAML tag");
        assertError(error("""
                title: t
                detection:
                    sel:
                        a: !custom 1
                    condition: sel
                """), 4, "unsupported YAML tag");
    }

    /** Correlation documents load (see the correlation package's tests); a broken one names its line. */
    @Test
    void brokenCorrelationDocumentsAreReported() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        a: 1
                    condition: sel
                ---
                title: many sessions
                correlation:
                    type: event_count
                    rules: [t]
                """), 8, "the correlation has no group-by");
    }

    @Test
    void badSelectionShapes() {
        assertError(error("""
                title: t
                detection:
                    sel:
                        a:
                            nested: map
                    condition: sel
                """), 5, "is a map");
        assertError(error("""
                title: t
                detection:
                    sel:
                        - a: 1
                        - - nested
                    condition: sel
                """), 4, "nests lists");
        assertError(error("""
                title: t
                detection:
                    sel:
                        a|exists: true
                        b|contains: null
                    condition: sel
                """), 5, "null cannot be combined");
    }

    @Test
    void unknownLevelsAndStatusesAreErrorsNotMedium() {
        assertError(error("""
                title: t
                level: banana
                detection:
                    sel:
                        a: 1
                    condition: sel
                """), 2, "unknown level 'banana'; use one of informational, low, medium, high, critical");
        assertError(error("""
                title: t
                status: prod
                detection:
                    sel:
                        a: 1
                    condition: sel
                """), 2, "unknown status 'prod'");
    }
}
