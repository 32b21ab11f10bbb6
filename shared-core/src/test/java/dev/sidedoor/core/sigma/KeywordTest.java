package dev.sidedoor.core.sigma;

import static dev.sidedoor.core.sigma.TestRules.detection;
import static dev.sidedoor.core.sigma.TestRules.matches;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeywordTest {

    private static final String RECORD = "{\"operationName\": {\"value\": \"MICROSOFT.COMPUTE/VIRTUALMACHINES/"
            + "RUNCOMMAND/ACTION\"}, \"properties\": {\"tags\": [\"prod\", {\"deep\": \"Break-Glass-2\"}]},"
            + " \"resultType\": 7}";

    @Test
    void plainValueListSearchesEveryValueCaseInsensitively() {
        SigmaRule rule = detection("keywords:\n    - 'Microsoft.Compute/virtualMachines/runCommand/action'\n"
                + "    - 'something else'\ncondition: keywords");
        assertTrue(matches(rule, RECORD));
        assertFalse(matches(rule, "{\"operationName\": \"Microsoft.Compute/virtualMachines/write\"}"));
    }

    @Test
    void keywordsAreContainsAndReachNestedArraysAndNumbers() {
        assertTrue(matches(detection("keywords:\n    - break-glass\ncondition: keywords"), RECORD));
        assertTrue(matches(detection("keywords: 'runcommand'\ncondition: keywords"), RECORD));
        assertTrue(matches(detection("keywords:\n    - 7\ncondition: keywords"), RECORD));
        assertFalse(matches(detection("keywords:\n    - break-glass-3\ncondition: keywords"), RECORD));
    }

    @Test
    void keywordWildcards() {
        assertTrue(matches(detection("keywords:\n    - 'virtual*run?ommand'\ncondition: keywords"), RECORD));
        assertFalse(matches(detection("keywords:\n    - 'run*virtual'\ncondition: keywords"), RECORD));
    }

    @Test
    void fieldNamesAreNotSearched() {
        assertFalse(matches(detection("keywords:\n    - operationName\ncondition: keywords"), RECORD));
    }

    @Test
    void emptyFieldNameWithModifiers() {
        SigmaRule all = detection("kw:\n    '|contains|all':\n        - prod\n        - runcommand\ncondition: kw");
        assertTrue(matches(all, RECORD));
        SigmaRule allMissing = detection("kw:\n    '|contains|all':\n        - prod\n        - dev\ncondition: kw");
        assertFalse(matches(allMissing, RECORD));

        SigmaRule startswith = detection("kw:\n    '|startswith': 'break-'\ncondition: kw");
        assertTrue(matches(startswith, RECORD));
        SigmaRule notStart = detection("kw:\n    '|startswith': 'glass'\ncondition: kw");
        assertFalse(matches(notStart, RECORD));

        SigmaRule regex = detection("kw:\n    '|re': '^Break-Glass-[0-9]$'\ncondition: kw");
        assertTrue(matches(regex, RECORD));
    }

    @Test
    void keywordsCombineWithFieldSelections() {
        SigmaRule rule = detection("selection:\n    resultType: 7\nkeywords:\n    - prod\ncondition: selection and keywords");
        assertTrue(matches(rule, RECORD));
        assertFalse(matches(rule, RECORD.replace("\"prod\"", "\"dev\"")));
    }
}
