package dev.sidedoor.core.sigma;

/**
 * A compiled piece of a rule's detection: a selection or a combination of selections.
 *
 * <p>Implementations are immutable and shared across threads; {@link #matches} keeps no state between calls.
 */
@FunctionalInterface
interface DocMatcher {

    boolean matches(SigmaDocument doc);

    /**
     * {@link Screen#NO} only when the fields the document knows already rule a match out, {@link Screen#YES}
     * when they already decide a match, {@link Screen#UNKNOWN} otherwise. The default never decides.
     */
    default int screen(PartialDocument doc) {
        return Screen.UNKNOWN;
    }
}
