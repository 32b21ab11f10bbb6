package dev.sidedoor.core.sigma;

import static dev.sidedoor.core.sigma.TestRules.detection;
import static dev.sidedoor.core.sigma.TestRules.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionTest {

    /** Three independent selections over fields a, b, c; a record sets the ones it wants to 1. */
    private static final String ABC = "a:\n    a: 1\nb:\n    b: 1\nc:\n    c: 1\n";

    private static String rec(boolean a, boolean b, boolean c) {
        return "{\"a\": " + (a ? 1 : 0) + ", \"b\": " + (b ? 1 : 0) + ", \"c\": " + (c ? 1 : 0) + "}";
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        SigmaRule rule = detection(ABC + "condition: a or b and not c");
        for (int bits = 0; bits < 8; bits++) {
            boolean a = (bits & 1) != 0;
            boolean b = (bits & 2) != 0;
            boolean c = (bits & 4) != 0;
            assertEquals(a || (b && !c), matches(rule, rec(a, b, c)), "a=" + a + " b=" + b + " c=" + c);
        }
    }

    @Test
    void parenthesesOverridePrecedence() {
        SigmaRule rule = detection(ABC + "condition: (a or b) and not (c)");
        for (int bits = 0; bits < 8; bits++) {
            boolean a = (bits & 1) != 0;
            boolean b = (bits & 2) != 0;
            boolean c = (bits & 4) != 0;
            assertEquals((a || b) && !c, matches(rule, rec(a, b, c)));
        }
    }

    @Test
    void notNotAndKeywordCase() {
        SigmaRule rule = detection(ABC + "condition: NOT not a AND b Or c");
        assertTrue(matches(rule, rec(true, true, false)));
        assertTrue(matches(rule, rec(false, false, true)));
        assertFalse(matches(rule, rec(true, false, false)));
    }

    @Test
    void oneOfPattern() {
        SigmaRule rule = detection("sel_ssm:\n    src: ssm\nsel_ec2:\n    src: ec2\nother:\n    x: 1\n"
                + "condition: 1 of sel_*");
        assertTrue(matches(rule, "{\"src\": \"ssm\"}"));
        assertTrue(matches(rule, "{\"src\": \"ec2\"}"));
        assertFalse(matches(rule, "{\"src\": \"iam\", \"x\": 1}"));
    }

    @Test
    void allOfPatternAndAnyOf() {
        SigmaRule all = detection("sel_a:\n    a: 1\nsel_b:\n    b: 1\nfilter:\n    c: 1\ncondition: all of sel*");
        assertTrue(matches(all, rec(true, true, false)));
        assertFalse(matches(all, rec(true, false, true)));

        SigmaRule any = detection("sel_a:\n    a: 1\nsel_b:\n    b: 1\ncondition: any of sel_?");
        assertTrue(matches(any, rec(false, true, false)));
        assertFalse(matches(any, rec(false, false, true)));
    }

    @Test
    void countOfMeansAtLeast() {
        SigmaRule rule = detection(ABC + "condition: 2 of them");
        assertFalse(matches(rule, rec(true, false, false)));
        assertTrue(matches(rule, rec(true, false, true)));
        assertTrue(matches(rule, rec(true, true, true)));
    }

    @Test
    void allOfThem() {
        SigmaRule rule = detection(ABC + "condition: all of them");
        assertTrue(matches(rule, rec(true, true, true)));
        assertFalse(matches(rule, rec(true, true, false)));
    }

    @Test
    void underscoreIdentifiersAreNotPartOfThem() {
        SigmaRule all = detection("a:\n    a: 1\n_helper:\n    h: 1\ncondition: all of them");
        assertTrue(matches(all, "{\"a\": 1}"), "_helper must not be required by 'all of them'");
        SigmaRule one = detection("a:\n    a: 1\n_helper:\n    h: 1\ncondition: 1 of them");
        assertFalse(matches(one, "{\"h\": 1}"), "_helper must not satisfy '1 of them'");
        // Named explicitly, an underscore identifier is usable.
        SigmaRule explicit = detection("a:\n    a: 1\n_helper:\n    h: 1\ncondition: a or _helper");
        assertTrue(matches(explicit, "{\"h\": 1}"));
    }

    @Test
    void quantifierBindsTighterThanNot() {
        SigmaRule rule = detection("sel:\n    a: 1\nfilter_x:\n    b: 1\nfilter_y:\n    c: 1\n"
                + "condition: sel and not 1 of filter_*");
        assertTrue(matches(rule, rec(true, false, false)));
        assertFalse(matches(rule, rec(true, true, false)));
        assertFalse(matches(rule, rec(true, false, true)));
    }

    @Test
    void listOfConditionsIsOr() {
        SigmaRule rule = detection(ABC + "condition:\n    - a and b\n    - c");
        assertTrue(matches(rule, rec(true, true, false)));
        assertTrue(matches(rule, rec(false, false, true)));
        assertFalse(matches(rule, rec(true, false, false)));
    }
}
