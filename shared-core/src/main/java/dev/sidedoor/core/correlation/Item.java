package dev.sidedoor.core.correlation;

import dev.sidedoor.core.finding.Finding;
import java.util.Comparator;
import java.util.List;

/**
 * One finding as one correlation sees it.
 *
 * @param time     event time, epoch milliseconds
 * @param input    which referenced rule it came from (index into the correlation's rules)
 * @param group    its group-by values, in group-by order
 * @param value    the value_count field's value; null for the other types
 * @param eventKey the event behind it, so two rules matching one event count as one event
 */
record Item(Finding finding, long time, int input, List<String> group, String value, String eventKey) {

    /**
     * Event time, then the referenced rule's position (two events logged in the same second count as being in
     * the order the correlation lists their rules), then finding id: the same findings give the same order
     * whatever order the scan's threads produced them in.
     */
    static final Comparator<Item> ORDER = Comparator.comparingLong(Item::time).thenComparingInt(Item::input)
            .thenComparing(i -> i.finding().findingId());
}
