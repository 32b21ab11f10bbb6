package dev.sidedoor.core.sigma;

/**
 * {@code field|exists: true/false}. A JSON null counts as not existing, consistent with Sigma {@code null}
 * matching both a missing field and a null one (and with Elasticsearch's {@code exists}).
 */
record ExistsMatcher(String field, boolean expected) implements DocMatcher {

    @Override
    public boolean matches(SigmaDocument doc) {
        return JsonValues.isAbsent(doc.field(field)) != expected;
    }

    @Override
    public int screen(PartialDocument doc) {
        return doc.knows(field) ? Screen.of(matches(doc)) : Screen.UNKNOWN;
    }
}
