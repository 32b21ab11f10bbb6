package dev.sidedoor.core.sigma;

import static dev.sidedoor.core.sigma.TestRules.detection;
import static dev.sidedoor.core.sigma.TestRules.matches;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sigma specification v2.1 additions (neq, time modifiers) and the specification's finer points. */
class SpecV21Test {

    @Test
    void neqDiffersFromEveryValueAfterTheOtherModifiers() {
        SigmaRule rule = detection("sel:\n    Channel|neq: Security\ncondition: sel");
        assertTrue(matches(rule, "{\"Channel\": \"PowerShell\"}"));
        assertFalse(matches(rule, "{\"Channel\": \"security\"}"), "case-insensitive, like equality");
        assertTrue(matches(rule, "{\"EventID\": 1}"), "a missing field differs from any value");
        assertFalse(matches(rule, "{\"Channel\": [\"Security\", \"x\"]}"), "an array holding the value");
        assertTrue(matches(rule, "{\"Channel\": [\"a\", \"b\"]}"));

        SigmaRule list = detection("sel:\n    Channel|neq:\n        - Security\n        - System\ncondition: sel");
        assertTrue(matches(list, "{\"Channel\": \"Application\"}"));
        assertFalse(matches(list, "{\"Channel\": \"System\"}"));

        SigmaRule wildcard = detection("sel:\n    Channel|neq: 'Sec*'\ncondition: sel");
        assertFalse(matches(wildcard, "{\"Channel\": \"Security\"}"));
        SigmaRule cidr = detection("sel:\n    ip|cidr|neq: 192.168.0.0/16\ncondition: sel");
        assertTrue(matches(cidr, "{\"ip\": \"10.0.0.1\"}"));
        assertFalse(matches(cidr, "{\"ip\": \"192.168.3.4\"}"));
        SigmaRule contains = detection("sel:\n    cmd|contains|neq: whoami\ncondition: sel");
        assertTrue(matches(contains, "{\"cmd\": \"id\"}"));
        assertFalse(matches(contains, "{\"cmd\": \"cmd /c whoami /all\"}"));
    }

    @Test
    void timeModifiersCompareAPartOfTheTimestampInUtc() {
        String event = "{\"t\": \"2024-10-10T12:22:00+02:00\"}";
        assertTrue(matches(detection("sel:\n    t|hour: 10\ncondition: sel"), event), "12:22 at +02:00 is 10 UTC");
        assertFalse(matches(detection("sel:\n    t|hour: 12\ncondition: sel"), event));
        assertTrue(matches(detection("sel:\n    t|minute: 22\ncondition: sel"), event));
        assertTrue(matches(detection("sel:\n    t|day: 10\ncondition: sel"), event));
        assertTrue(matches(detection("sel:\n    t|week: 41\ncondition: sel"), event));
        assertTrue(matches(detection("sel:\n    t|month: 10\ncondition: sel"), event));
        assertFalse(matches(detection("sel:\n    t|month: 11\ncondition: sel"), event));
        assertTrue(matches(detection("sel:\n    t|year: 2024\ncondition: sel"), event));
        assertTrue(matches(detection("sel:\n    t|hour|gte: 8\ncondition: sel"), event));
        assertFalse(matches(detection("sel:\n    t|hour|lt: 8\ncondition: sel"), event));
        assertTrue(matches(detection("sel:\n    t|hour: 0\ncondition: sel"), "{\"t\": 1700006400}"),
                "epoch seconds");
        assertFalse(matches(detection("sel:\n    t|hour: 0\ncondition: sel"), "{\"t\": \"yesterday\"}"));
        SigmaException e = TestRules.detectionError("sel:\n    t|hour: noon\ncondition: sel");
        assertTrue(e.getMessage().contains("'hour' needs a whole number"), e.getMessage());
        e = TestRules.detectionError("sel:\n    t|hour|contains: 1\ncondition: sel");
        assertTrue(e.getMessage().contains("time modifier 'hour'"), e.getMessage());
    }

    @Test
    void regexStartswithAndEndswithAnchorTheExpression() {
        SigmaRule ends = detection("sel:\n    f|re|endswith: 'foo?bar'\ncondition: sel");
        assertTrue(matches(ends, "{\"f\": \"xxfobar\"}"));
        assertFalse(matches(ends, "{\"f\": \"xxfobarx\"}"));
        SigmaRule starts = detection("sel:\n    f|re|startswith: 'foo?bar'\ncondition: sel");
        assertTrue(matches(starts, "{\"f\": \"fobarxx\"}"));
        assertFalse(matches(starts, "{\"f\": \"xfobar\"}"));
    }

    @Test
    void windashTakesEveryDashTheSpecificationLists() {
        SigmaRule rule = detection("sel:\n    cmd|contains|windash: '\u2013addstore'\ncondition: sel");
        for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
            assertTrue(matches(rule, "{\"cmd\": \"certutil " + dash + "addstore\"}"), dash);
        }
        assertFalse(matches(rule, "{\"cmd\": \"certutil addstore\"}"));
    }

    @Test
    void questionMarkIsOneCharacterEvenOutsideTheBasicPlane() {
        SigmaRule rule = detection("sel:\n    W: 'a?c'\ncondition: sel");
        assertTrue(matches(rule, "{\"W\": \"a\\ud83d\\udd25c\"}"));
        assertTrue(matches(rule, "{\"W\": \"abc\"}"));
        assertFalse(matches(rule, "{\"W\": \"a\\ud83d\\udd25\\ud83d\\udd25c\"}"));
        SigmaRule two = detection("sel:\n    W: 'a??c*'\ncondition: sel");
        assertFalse(matches(two, "{\"W\": \"a\\ud83d\\udd25c\"}"), "one emoji is one character, not two");
        assertTrue(matches(two, "{\"W\": \"A\\ud83d\\udd25xCdef\"}"), "case still ignored");
        SigmaRule literal = detection("sel:\n    W|contains: '\ud83d\udd25?'\ncondition: sel");
        assertTrue(matches(literal, "{\"W\": \"x\\ud83d\\udd25\\u00e9\"}"));
    }

    @Test
    void aListMixingKeywordsAndMapsIsAnyOfThem() {
        SigmaRule rule = detection("sel:\n    - EVILSERVICE\n    - Image|endswith: '\\example.exe'\ncondition: sel");
        assertTrue(matches(rule, "{\"Image\": \"C:\\\\x\\\\example.exe\"}"));
        assertTrue(matches(rule, "{\"Service\": \"the evilservice\"}"));
        assertFalse(matches(rule, "{\"Image\": \"C:\\\\x\\\\other.exe\"}"));
    }
}
