package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.match.Glob;

/**
 * {@code field|fieldref: other}: the field's value equals (or, with contains / startswith / endswith, relates
 * to) the value of another field of the same record. Arrays on either side match if any pair does; a missing
 * or null other field never matches.
 */
record FieldRefTest(String otherField, Glob.Mode mode, boolean cased) implements ValueTest {

    @Override
    public boolean test(JsonNode value, SigmaDocument doc) {
        String text = JsonValues.text(value);
        if (text == null) {
            return false;
        }
        JsonNode other = doc.field(otherField);
        return !JsonValues.isAbsent(other) && anyOther(other, text, 0);
    }

    @Override
    public boolean readsOtherFields() {
        return true;
    }

    private boolean anyOther(JsonNode other, String text, int depth) {
        if (other.isArray()) {
            if (depth >= JsonValues.MAX_ARRAY_DEPTH) {
                return false;
            }
            for (int i = 0, n = other.size(); i < n; i++) {
                if (anyOther(other.get(i), text, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        String o = JsonValues.text(other);
        return o != null && TextSearch.compare(text, o, mode, cased);
    }
}
