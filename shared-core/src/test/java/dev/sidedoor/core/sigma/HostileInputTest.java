package dev.sidedoor.core.sigma;

import static dev.sidedoor.core.sigma.TestRules.detection;
import static dev.sidedoor.core.sigma.TestRules.matches;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Record values are attacker-controlled. These inputs make backtracking matchers take exponential or quadratic
 * time; the engine's matchers are linear, so the tests simply finish. (No timing assertions: CI machines vary.)
 */
class HostileInputTest {

    private static final int MB = 1 << 20;

    private static SigmaDocument docWith(String field, String value) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put(field, value);
        root.put("other", value);
        return new JsonSigmaDocument(root);
    }

    @Test
    void catastrophicRegexOnOneMegabyte() {
        SigmaRule rule = detection("sel:\n    v|re: '^(a+)+$'\ncondition: sel");
        assertFalse(rule.matches(docWith("v", "a".repeat(MB) + "!")));
        assertTrue(rule.matches(docWith("v", "a".repeat(MB))));

        SigmaRule nested = detection("sel:\n    v|re|i: '(a|aa)*(b|ab)*c'\ncondition: sel");
        assertFalse(nested.matches(docWith("v", "ab".repeat(MB / 2))));
    }

    @Test
    void manyStarsOnOneMegabyte() {
        SigmaRule rule = detection("sel:\n    v: '*a*a*a*a*a*a*a*a*a*b'\ncondition: sel");
        assertFalse(rule.matches(docWith("v", "a".repeat(MB))));
        assertTrue(rule.matches(docWith("v", "a".repeat(MB) + "b")));

        SigmaRule contains = detection("sel:\n    v|contains: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaab'\ncondition: sel");
        assertFalse(contains.matches(docWith("v", "a".repeat(MB))));

        SigmaRule questions = detection("sel:\n    v: '*?a?a?a?a?b*'\ncondition: sel");
        assertFalse(questions.matches(docWith("v", "a".repeat(MB))));
    }

    @Test
    void keywordsAndFieldrefOnOneMegabyte() {
        SigmaRule keyword = detection("kw:\n    - 'aaaa*aaaa*b'\ncondition: kw");
        assertFalse(keyword.matches(docWith("v", "a".repeat(MB))));

        // Both sides of a fieldref come from the record: contains must stay linear (KMP), not value x value.
        SigmaRule ref = detection("sel:\n    v|fieldref|contains: other\ncondition: sel");
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("v", "a".repeat(MB));
        root.put("other", "a".repeat(MB / 2) + "b");
        assertFalse(ref.matches(new JsonSigmaDocument(root)));
        root.put("other", "a".repeat(MB / 2));
        assertTrue(ref.matches(new JsonSigmaDocument(root)));
    }

    @Test
    void cidrAndNumbersRejectHugeValuesCheaply() {
        SigmaRule cidr = detection("sel:\n    v|cidr: 10.0.0.0/8\ncondition: sel");
        assertFalse(cidr.matches(docWith("v", "1".repeat(MB))));
        SigmaRule gt = detection("sel:\n    v|gt: 5\ncondition: sel");
        assertFalse(gt.matches(docWith("v", "9".repeat(MB))));
    }

    @Test
    void deeplyNestedRecordDoesNotOverflowKeywordSearch() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode cur = root;
        for (int i = 0; i < 5000; i++) {
            cur = cur.putObject("n");
        }
        cur.put("leaf", "needle");
        SigmaRule keyword = detection("kw:\n    - needle\ncondition: kw");
        assertFalse(keyword.matches(new JsonSigmaDocument(root)));
        assertTrue(matches(keyword, "{\"a\": {\"b\": [\"x\", {\"c\": \"the needle\"}]}}"));
    }
}
