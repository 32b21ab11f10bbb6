package dev.sidedoor.core.correlation;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.sigma.SigmaCorrelation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one correlation over its findings, in event-time order, one window state per group.
 *
 * <p>Windows are inclusive at both ends: two findings exactly one timespan apart are within it, a millisecond
 * more is not. How a window is decided depends on the condition:
 * <ul>
 * <li>Only a lower bound (gt, gte; the temporal types' default "all rules"): the window slides with each finding
 * and ends at it. Once the count is reached more findings cannot undo it, so the correlation fires on the finding
 * that reaches it (that finding "completes" it) without waiting for the window to end.</li>
 * <li>An upper bound (lt, lte, eq, a range): a window starts at each finding and is decided when it is over, that
 * is when a finding more than one timespan later arrives, or at the end of the findings. The last finding in the
 * window completes it. A window still open when the findings end is judged on what was seen. A window with too
 * many findings is discarded whole: "exactly 2" does not fire on the last two findings of a burst of five.</li>
 * </ul>
 * After a correlation fires for a group, that group starts afresh: the findings counted are not counted again, so
 * a burst gives one correlated finding, not one per further finding.
 */
final class Evaluation {

    private final Node node;
    private final SigmaCorrelation rule;
    private final long span;
    private final Map<List<String>, Group> groups = new LinkedHashMap<>();
    private final List<Finding> out = new ArrayList<>();

    /** The open window of one group. */
    private final class Group {
        final List<String> key;
        final Deque<Item> pending = new ArrayDeque<>();
        Tally tally;

        Group(List<String> key) {
            this.key = key;
            this.tally = Tally.of(rule.type(), node.inputs().size());
        }

        void reset() {
            pending.clear();
            tally = Tally.of(rule.type(), node.inputs().size());
        }
    }

    private Evaluation(Node node) {
        this.node = node;
        this.rule = node.rule();
        this.span = rule.timespanMillis();
    }

    /** The correlated findings of {@code items}, which must be sorted by {@link Item#ORDER}. */
    static List<Finding> run(Node node, List<Item> items) {
        Evaluation e = new Evaluation(node);
        boolean bounded = node.rule().condition().bounded();
        for (Item item : items) {
            Group g = e.groups.computeIfAbsent(item.group(), k -> e.new Group(k));
            if (bounded) {
                e.closeWindows(g, item.time());
                g.pending.addLast(item);
                g.tally.add(item, g.pending.peekFirst().time());
            } else {
                e.slide(g, item);
            }
        }
        if (bounded) {
            for (Group g : e.groups.values()) {
                e.closeWindows(g, Long.MAX_VALUE);
            }
        }
        return e.out;
    }

    /** Lower bound only: the window ending at this finding, decided at once. */
    private void slide(Group g, Item item) {
        long start = item.time() - span;
        while (!g.pending.isEmpty() && g.pending.peekFirst().time() < start) {
            g.tally.remove(g.pending.pollFirst());
        }
        g.pending.addLast(item);
        g.tally.add(item, start);
        long count = g.tally.count(start);
        if (rule.condition().test(count)) {
            fire(g, count, g.tally.witnesses(g.pending, start), item);
        }
    }

    /**
     * Upper bound: decides every window that is over by {@code now}, oldest first. Every finding still pending is
     * within the oldest one's window (a later one would have closed it), so the tally is that window's.
     */
    private void closeWindows(Group g, long now) {
        while (!g.pending.isEmpty() && g.pending.peekFirst().time() < now - span) {
            long start = g.pending.peekFirst().time();
            long count = g.tally.count(start);
            if (rule.condition().test(count)) {
                fire(g, count, g.tally.witnesses(g.pending, start), g.pending.peekLast());
            } else if (count > rule.condition().max()) {
                // Too many: the tail of this burst must not fire on its own as a later, smaller window.
                g.reset();
            } else {
                g.tally.remove(g.pending.pollFirst());
            }
        }
    }

    private void fire(Group g, long count, List<Item> witnesses, Item completing) {
        out.add(CorrelatedFindings.build(node, g.key, count, witnesses, completing));
        g.reset();
    }
}
