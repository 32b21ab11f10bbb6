package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One compiled Sigma value (after its modifiers) tested against one scalar of a record.
 *
 * <p>The caller has already flattened arrays: {@code value} is a text, number, boolean, JSON null or object node.
 * Objects never equal a plain value and JSON null only satisfies {@link ValueTests#NULL}. {@code doc} is passed for
 * tests that read a second field ({@code fieldref}).
 */
@FunctionalInterface
interface ValueTest {

    boolean test(JsonNode value, SigmaDocument doc);

    /** Whether a missing field (or JSON null) satisfies this value; only Sigma's {@code null} does. */
    default boolean matchesAbsent() {
        return false;
    }

    /** Whether the test reads a field other than the one it is applied to ({@code fieldref}). */
    default boolean readsOtherFields() {
        return false;
    }
}
