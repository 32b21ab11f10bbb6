package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** How the engine reads record values: text forms, numbers, and walks over arrays and whole records. */
final class JsonValues {

    /** Arrays nested deeper than this are not looked into; real audit records nest a few levels at most. */
    static final int MAX_ARRAY_DEPTH = 32;
    /** Keyword search stops descending here, so a hostile, deeply nested record cannot exhaust the stack. */
    static final int MAX_KEYWORD_DEPTH = 200;
    /** Longer numeric strings are not treated as numbers: BigDecimal parsing is superlinear in the length. */
    private static final int MAX_NUMBER_TEXT = 100;

    private JsonValues() {
    }

    /** The text a plain Sigma value is compared with, or null for objects, arrays and JSON null. */
    static String text(JsonNode n) {
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        return null;
    }

    static boolean isAbsent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** The numeric value of a number node or of a string holding a plain decimal number; null otherwise. */
    static BigDecimal number(JsonNode n) {
        if (n.isNumber()) {
            if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
                return null;
            }
            return n.decimalValue();
        }
        if (n.isTextual()) {
            return parseNumber(n.textValue());
        }
        return null;
    }

    /** Strict decimal syntax ([sign] digits [. digits] [e [sign] digits]); rejects NaN, hex, suffixes. */
    static BigDecimal parseNumber(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > MAX_NUMBER_TEXT) {
            return null;
        }
        int i = 0;
        if (t.charAt(i) == '+' || t.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < t.length() && isDigit(t.charAt(i))) {
            i++;
            digits++;
        }
        if (i < t.length() && t.charAt(i) == '.') {
            i++;
            while (i < t.length() && isDigit(t.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < t.length() && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < t.length() && isDigit(t.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0 || expDigits > 4) {
                return null;
            }
        }
        if (i != t.length()) {
            return null;
        }
        return new BigDecimal(t);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Any scalar of {@code v} (arrays flattened) satisfies {@code test}. */
    static boolean anyElement(JsonNode v, ValueTest test, SigmaDocument doc, int depth) {
        if (v.isArray()) {
            if (depth >= MAX_ARRAY_DEPTH) {
                return false;
            }
            for (int i = 0, n = v.size(); i < n; i++) {
                if (anyElement(v.get(i), test, doc, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        return test.test(v, doc);
    }

    /** Any scalar of {@code v} (arrays flattened) satisfies any of {@code tests}. */
    static boolean anyElementAnyTest(JsonNode v, ValueTest[] tests, SigmaDocument doc, int depth) {
        if (v.isArray()) {
            if (depth >= MAX_ARRAY_DEPTH) {
                return false;
            }
            for (int i = 0, n = v.size(); i < n; i++) {
                if (anyElementAnyTest(v.get(i), tests, doc, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        for (ValueTest t : tests) {
            if (t.test(v, doc)) {
                return true;
            }
        }
        return false;
    }

    /** Any scalar anywhere in the record (object values and array elements, recursively) satisfies {@code test}. */
    static boolean anyScalarDeep(JsonNode v, ValueTest test, SigmaDocument doc, int depth) {
        if (v.isContainerNode()) {
            if (depth >= MAX_KEYWORD_DEPTH) {
                return false;
            }
            if (v.isArray()) {
                for (int i = 0, n = v.size(); i < n; i++) {
                    if (anyScalarDeep(v.get(i), test, doc, depth + 1)) {
                        return true;
                    }
                }
                return false;
            }
            for (JsonNode child : v) {
                if (anyScalarDeep(child, test, doc, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        return !v.isNull() && test.test(v, doc);
    }
}
