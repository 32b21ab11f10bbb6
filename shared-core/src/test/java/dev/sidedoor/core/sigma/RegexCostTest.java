package dev.sidedoor.core.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The estimate must never be below the program RE2/J compiles, or the size limit could be walked around. */
class RegexCostTest {

    private static long estimate(String pattern) {
        try {
            return RegexCost.estimate(pattern).size();
        } catch (RegexCost.TooLarge e) {
            return Long.MAX_VALUE;
        }
    }

    @Test
    void equalsRe2jWhereNothingMerges() {
        for (String p : new String[] {"", "abc", "(a)", "a*", "(?:a?)*", "a{2,5}", "a{2,}", "a{0}", "(a{10}){10}",
                "[abc]{50}", "\\d{1,5}", "\\pL{10}", "\\p{Greek}{20}", "\\x{263a}{20}", "\\x41{20}", "\\Qa{1000}\\E",
                "[[:alpha:]]{30}", "[]a]{10}", "(?i:abc){10}", "(?P<n>ab){10}", "^(a+)+$", "(a|aa)*(b|ab)*c",
                ".+:assumed-role/aws:.+", "\\\\SomePipeName[0-9a-f]{2}", "a{,5}", "\uD83D\uDE00{100}", "(?:ab|cd){20}"}) {
            assertEquals(Pattern.compile(p).programSize(), estimate(p), p);
        }
    }

    @Test
    void neverBelowRe2jOnRandomPatterns() {
        String[] parts = {"a", "b", "\\d", "\\pL", "\\p{Greek}", "\\x41", "\\x{42}", "\\Qx{9}\\E", "[a-c]", "[]x]",
            "[^]]", "[[:digit:]]", ".", "^", "$", "\\b", "(", "(?:", "(?i)", "(?P<n%d>", "(?i:", ")", "|", "*", "+",
            "?", "*?", "{2}", "{3,}", "{0,4}", "{1,3}?", "{", "}", ",", "\\", "\\0", "\\12", "-", "\uD83D\uDE00"};
        Random random = new Random(20261206);
        int compiled = 0;
        for (int t = 0; t < 30_000; t++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0, n = 1 + random.nextInt(25); k < n; k++) {
                b.append(String.format(parts[random.nextInt(parts.length)], k));
            }
            String p = b.toString();
            int real;
            try {
                real = Pattern.compile(p).programSize();
            } catch (PatternSyntaxException e) {
                continue;
            }
            compiled++;
            assertTrue(estimate(p) >= real, p + ": estimate " + estimate(p) + " < " + real);
        }
        assertTrue(compiled > 3_000, "patterns that compiled: " + compiled);
    }

    @Test
    void nestedCountsAreNamedInTheMessage() {
        RegexCost.TooLarge e = assertThrows(RegexCost.TooLarge.class,
                () -> RegexCost.estimate("(?:(?:[a-z]{10}){1000}){1000}"));
        assertEquals("regex too large: nested repetition {10}{1000}{1000} expands to about 10,000,000 states "
                + "(limit 10,000)", e.getMessage());
        e = assertThrows(RegexCost.TooLarge.class, () -> RegexCost.estimate("x(?:[a-z]{10}){1000}"));
        assertEquals("regex too large: nested repetition {10}{1000} expands to about 10,001 states (limit 10,000)",
                e.getMessage());
    }

    @Test
    void endAssertionsAreNoticedOutsideClassesOnly() throws RegexCost.TooLarge {
        assertTrue(RegexCost.estimate("foo$").looksPastMatch());
        assertTrue(RegexCost.estimate("foo\\b").looksPastMatch());
        assertTrue(RegexCost.estimate("foo\\z").looksPastMatch());
        assertFalse(RegexCost.estimate("foo[$]").looksPastMatch());
        assertFalse(RegexCost.estimate("\\Qfoo$\\E").looksPastMatch());
        assertFalse(RegexCost.estimate("^foo\\$").looksPastMatch());
    }
}
