package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code field|exists: true/false}: whether the field is present, "not its value, be it empty or null" (the
 * specification's modifier appendix), so a field present as JSON null exists.
 */
record ExistsMatcher(String field, boolean expected) implements DocMatcher {

    @Override
    public boolean matches(SigmaDocument doc) {
        JsonNode value = doc.field(field);
        return (value != null && !value.isMissingNode()) == expected;
    }

    @Override
    public int screen(PartialDocument doc) {
        return doc.knows(field) ? Screen.of(matches(doc)) : Screen.UNKNOWN;
    }
}
