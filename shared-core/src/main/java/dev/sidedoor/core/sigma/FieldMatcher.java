package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code field|modifiers: values}: any value matches (or, with {@code |all}, every value matches), where a value
 * matches an array field if it matches any element.
 */
final class FieldMatcher implements DocMatcher {

    private final String field;
    private final ValueTest[] tests;
    private final boolean all;
    /** fieldref reads a second field, which screening may not know. */
    private final boolean readsOtherFields;
    /** The answer for a missing / null field, fixed at compile time: only Sigma {@code null} values accept it. */
    private final boolean absentResult;

    FieldMatcher(String field, ValueTest[] tests, boolean all) {
        this.field = field;
        this.tests = tests.clone();
        this.all = all;
        boolean any = false;
        boolean every = true;
        for (ValueTest t : tests) {
            any |= t.matchesAbsent();
            every &= t.matchesAbsent();
        }
        this.absentResult = all ? every : any;
        boolean other = false;
        for (ValueTest t : tests) {
            other |= t.readsOtherFields();
        }
        this.readsOtherFields = other;
    }

    @Override
    public int screen(PartialDocument doc) {
        if (readsOtherFields || !doc.knows(field)) {
            return Screen.UNKNOWN;
        }
        return Screen.of(matches(doc));
    }

    @Override
    public boolean matches(SigmaDocument doc) {
        JsonNode v = doc.field(field);
        if (JsonValues.isAbsent(v)) {
            return absentResult;
        }
        if (!all) {
            return JsonValues.anyElementAnyTest(v, tests, doc, 0);
        }
        for (ValueTest t : tests) {
            if (!JsonValues.anyElement(v, t, doc, 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "field " + field;
    }
}
