package dev.sidedoor.core.sigma;

/**
 * A compiled piece of a rule's detection: a selection or a combination of selections.
 *
 * <p>Implementations are immutable and shared across threads; {@link #matches} keeps no state between calls.
 */
@FunctionalInterface
interface DocMatcher {

    boolean matches(SigmaDocument doc);
}
