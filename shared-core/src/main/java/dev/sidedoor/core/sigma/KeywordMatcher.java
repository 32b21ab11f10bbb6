package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A keyword selection (a plain value list, or a key with an empty field name such as {@code '|contains'}):
 * the value may appear in any scalar anywhere in the record. Field names are not searched.
 */
final class KeywordMatcher implements DocMatcher {

    private final ValueTest[] tests;
    private final boolean all;
    private final ValueTest anyOf;

    KeywordMatcher(ValueTest[] tests, boolean all) {
        this.tests = tests.clone();
        this.all = all;
        this.anyOf = ValueTests.any(List.of(tests));
    }

    @Override
    public boolean matches(SigmaDocument doc) {
        JsonNode root = doc.root();
        if (root == null) {
            return false;
        }
        if (!all) {
            return JsonValues.anyScalarDeep(root, anyOf, doc, 0);
        }
        for (ValueTest t : tests) {
            if (!JsonValues.anyScalarDeep(root, t, doc, 0)) {
                return false;
            }
        }
        return true;
    }
}
