package dev.sidedoor.core.correlation;

import dev.sidedoor.core.sigma.SigmaCorrelation;
import java.util.Deque;
import java.util.List;

/**
 * What a correlation counts over the findings of one group inside one window, kept up to date as findings enter
 * and leave the window, so a long stream costs constant work per finding.
 */
interface Tally {

    /** A finding enters; {@code windowStart} is the earliest time still in the window. */
    void add(Item item, long windowStart);

    /** A finding leaves the window (it is older than the window start). */
    void remove(Item item);

    /** The count the condition is applied to, for the window starting at {@code windowStart}. */
    long count(long windowStart);

    /** The findings that make up the count, given the findings in the window (oldest first). */
    List<Item> witnesses(Deque<Item> window, long windowStart);

    static Tally of(SigmaCorrelation.Type type, int inputs) {
        return switch (type) {
            case EVENT_COUNT -> new DistinctTally(Item::eventKey);
            case VALUE_COUNT -> new DistinctTally(Item::value);
            case TEMPORAL -> new RuleTally(inputs);
            case TEMPORAL_ORDERED -> new OrderedTally(inputs);
        };
    }
}
