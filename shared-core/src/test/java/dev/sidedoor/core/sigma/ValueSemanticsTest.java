package dev.sidedoor.core.sigma;

import static dev.sidedoor.core.sigma.TestRules.detection;
import static dev.sidedoor.core.sigma.TestRules.matches;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueSemanticsTest {

    @Test
    void plainValuesAreCaseInsensitiveEquality() {
        SigmaRule rule = detection("sel:\n    eventName: StartSession\ncondition: sel");
        assertTrue(matches(rule, "{\"eventName\": \"startsession\"}"));
        assertTrue(matches(rule, "{\"eventName\": \"STARTSESSION\"}"));
        assertFalse(matches(rule, "{\"eventName\": \"StartSessions\"}"));
        assertFalse(matches(rule, "{\"eventName\": \"Start\"}"));
        assertFalse(matches(rule, "{\"other\": \"StartSession\"}"));
    }

    @Test
    void nonAsciiCaseFolding() {
        SigmaRule rule = detection("sel:\n    user: 'ÉLODIE'\ncondition: sel");
        assertTrue(matches(rule, "{\"user\": \"élodie\"}"));
        assertFalse(matches(rule, "{\"user\": \"elodie\"}"));
    }

    @Test
    void wildcards() {
        SigmaRule star = detection("sel:\n    doc: 'AWS-Start*Session'\ncondition: sel");
        assertTrue(matches(star, "{\"doc\": \"AWS-StartSession\"}"));
        assertTrue(matches(star, "{\"doc\": \"aws-startsshsession\"}"));
        assertFalse(matches(star, "{\"doc\": \"AWS-StartSessionX\"}"));

        SigmaRule question = detection("sel:\n    code: 'i-?bc'\ncondition: sel");
        assertTrue(matches(question, "{\"code\": \"i-abc\"}"));
        assertFalse(matches(question, "{\"code\": \"i-bc\"}"));
        assertFalse(matches(question, "{\"code\": \"i-aabc\"}"));

        SigmaRule several = detection("sel:\n    v: '*a*b?c*'\ncondition: sel");
        assertTrue(matches(several, "{\"v\": \"xxaxxbyc\"}"));
        assertTrue(matches(several, "{\"v\": \"abXc\"}"));
        assertFalse(matches(several, "{\"v\": \"abc\"}"));
        assertFalse(matches(several, "{\"v\": \"bac\"}"));
    }

    @Test
    void escapes() {
        SigmaRule star = detection("sel:\n    v: 'a\\*b'\ncondition: sel");
        assertTrue(matches(star, "{\"v\": \"a*b\"}"));
        assertFalse(matches(star, "{\"v\": \"axxb\"}"));

        SigmaRule question = detection("sel:\n    v: 'why\\?'\ncondition: sel");
        assertTrue(matches(question, "{\"v\": \"why?\"}"));
        assertFalse(matches(question, "{\"v\": \"whyX\"}"));

        // \\ is one literal backslash, and the star after it is still a wildcard.
        SigmaRule backslash = detection("sel:\n    v: 'C:\\\\*'\ncondition: sel");
        assertTrue(matches(backslash, "{\"v\": \"C:\\\\Windows\"}"));
        assertFalse(matches(backslash, "{\"v\": \"C:/Windows\"}"));

        // A backslash before any other character is literal: Windows paths need no escaping.
        SigmaRule path = detection("sel:\n    v: 'C:\\Windows\\System32'\ncondition: sel");
        assertTrue(matches(path, "{\"v\": \"c:\\\\windows\\\\system32\"}"));
        assertFalse(matches(path, "{\"v\": \"C:WindowsSystem32\"}"));
    }

    @Test
    void nullMatchesMissingOrJsonNull() {
        SigmaRule rule = detection("sel:\n    errorCode: null\ncondition: sel");
        assertTrue(matches(rule, "{\"eventName\": \"x\"}"));
        assertTrue(matches(rule, "{\"errorCode\": null}"));
        assertFalse(matches(rule, "{\"errorCode\": \"AccessDenied\"}"));
        assertFalse(matches(rule, "{\"errorCode\": \"\"}"));
        assertFalse(matches(rule, "{\"errorCode\": {}}"));

        // The specification: null cannot be part of a list of values (separate selections say "missing or empty").
        SigmaException either = TestRules.detectionError("sel:\n    errorCode:\n        - null\n        - ''\n"
                + "condition: sel");
        assertTrue(either.getMessage().contains("null cannot be part of a list of values"), either.getMessage());
    }

    @Test
    void emptyStringMatchesOnlyEmptyString() {
        SigmaRule rule = detection("sel:\n    trust: ''\ncondition: sel");
        assertTrue(matches(rule, "{\"trust\": \"\"}"));
        assertFalse(matches(rule, "{}"));
        assertFalse(matches(rule, "{\"trust\": null}"));
        assertFalse(matches(rule, "{\"trust\": \" \"}"));
    }

    @Test
    void numbersCompareByValueOrText() {
        SigmaRule rule = detection("sel:\n    ResultType: 50057\ncondition: sel");
        assertTrue(matches(rule, "{\"ResultType\": 50057}"));
        assertTrue(matches(rule, "{\"ResultType\": \"50057\"}"));
        assertTrue(matches(rule, "{\"ResultType\": 50057.0}"));
        assertFalse(matches(rule, "{\"ResultType\": 5005}"));
        assertFalse(matches(rule, "{\"ResultType\": \"500570\"}"));

        SigmaRule zero = detection("sel:\n    ResultType: 0\ncondition: sel");
        assertTrue(matches(zero, "{\"ResultType\": \"0\"}"));
        assertTrue(matches(zero, "{\"ResultType\": 0}"));
        assertFalse(matches(zero, "{\"ResultType\": \"\"}"));

        SigmaRule quoted = detection("sel:\n    port: '22'\ncondition: sel");
        assertTrue(matches(quoted, "{\"port\": 22}"));
        assertFalse(matches(quoted, "{\"port\": 222}"));
    }

    @Test
    void booleansCompareAsText() {
        SigmaRule rule = detection("sel:\n    fromConsole: true\ncondition: sel");
        assertTrue(matches(rule, "{\"fromConsole\": true}"));
        assertTrue(matches(rule, "{\"fromConsole\": \"true\"}"));
        assertTrue(matches(rule, "{\"fromConsole\": \"True\"}"));
        assertFalse(matches(rule, "{\"fromConsole\": false}"));
        assertFalse(matches(rule, "{\"fromConsole\": \"yes\"}"));
    }

    @Test
    void arraysMatchAnyElementAndNestedArraysFlatten() {
        SigmaRule rule = detection("sel:\n    instanceIds: 'i-0abc'\ncondition: sel");
        assertTrue(matches(rule, "{\"instanceIds\": [\"i-0def\", \"i-0ABC\"]}"));
        assertTrue(matches(rule, "{\"instanceIds\": [[\"i-1\"], [[\"i-0abc\"]]]}"));
        assertFalse(matches(rule, "{\"instanceIds\": [\"i-0def\"]}"));
        assertFalse(matches(rule, "{\"instanceIds\": []}"));

        SigmaRule viaPath = detection("sel:\n    targets.values: 'i-0abc'\ncondition: sel");
        assertTrue(matches(viaPath, "{\"targets\": [{\"key\": \"k\", \"values\": [\"i-9\", \"i-0abc\"]}]}"));
        assertFalse(matches(viaPath, "{\"targets\": [{\"key\": \"i-0abc\", \"values\": [\"i-9\"]}]}"));
    }

    @Test
    void objectsNeverMatchPlainValues() {
        SigmaRule rule = detection("sel:\n    requestParameters: '*'\ncondition: sel");
        assertFalse(matches(rule, "{\"requestParameters\": {\"a\": \"b\"}}"));
        assertTrue(matches(rule, "{\"requestParameters\": \"anything\"}"));
    }

    @Test
    void listsAreOrAndMapsAreAnd() {
        SigmaRule rule = detection("sel:\n    eventSource: ssm.amazonaws.com\n    eventName:\n        - StartSession\n"
                + "        - ResumeSession\ncondition: sel");
        assertTrue(matches(rule, "{\"eventSource\": \"ssm.amazonaws.com\", \"eventName\": \"ResumeSession\"}"));
        assertFalse(matches(rule, "{\"eventSource\": \"athena.amazonaws.com\", \"eventName\": \"StartSession\"}"));
        assertFalse(matches(rule, "{\"eventSource\": \"ssm.amazonaws.com\", \"eventName\": \"SendCommand\"}"));
    }

    @Test
    void listOfMapsIsOr() {
        SigmaRule rule = detection("filter:\n    - eventSource: ssm.amazonaws.com\n    - sourceIPAddress: AWS Internal\n"
                + "condition: filter");
        assertTrue(matches(rule, "{\"eventSource\": \"ssm.amazonaws.com\"}"));
        assertTrue(matches(rule, "{\"sourceIPAddress\": \"aws internal\"}"));
        assertFalse(matches(rule, "{\"eventSource\": \"ec2.amazonaws.com\", \"sourceIPAddress\": \"1.2.3.4\"}"));
    }

    @Test
    void dottedKeysTryTheWholeKeyFirst() {
        SigmaRule rule = detection("sel:\n    'http://schemas.xmlsoap.org/claims/upn': 'ops@example.com'\n"
                + "condition: sel");
        assertTrue(matches(rule, "{\"http://schemas.xmlsoap.org/claims/upn\": \"ops@example.com\"}"));
    }
}
