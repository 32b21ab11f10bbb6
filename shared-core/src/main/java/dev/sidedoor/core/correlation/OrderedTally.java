package dev.sidedoor.core.correlation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * {@code temporal_ordered}: the length of the longest run of the referenced rules, from the first, matched in the
 * order listed, that fits in the window. Kept as, for each length, the chain with the latest start: extending the
 * latest-starting chain is never worse, so each finding costs constant work and nothing needs removing (a chain
 * that no longer fits is recognised by its start).
 */
final class OrderedTally implements Tally {

    /** A run of findings in rule order; {@code start} is its first finding's time. */
    private record Chain(Item last, Chain before, long start, int length) {
        List<Item> items() {
            List<Item> out = new ArrayList<>(length);
            for (Chain c = this; c != null; c = c.before()) {
                out.add(c.last());
            }
            Collections.reverse(out);
            return out;
        }
    }

    /** best[k]: the latest-starting chain of the first k rules; index 0 unused. */
    private final Chain[] best;

    OrderedTally(int inputs) {
        this.best = new Chain[inputs + 1];
    }

    @Override
    public void add(Item item, long windowStart) {
        int k = item.input();
        Chain made;
        if (k == 0) {
            made = new Chain(item, null, item.time(), 1);
        } else {
            Chain before = best[k];
            if (before == null || before.start() < windowStart) {
                return;
            }
            made = new Chain(item, before, before.start(), k + 1);
        }
        if (best[k + 1] == null || made.start() >= best[k + 1].start()) {
            best[k + 1] = made;
        }
    }

    @Override
    public void remove(Item item) {
        // Chains carry their start; count() ignores the ones that no longer fit.
    }

    @Override
    public long count(long windowStart) {
        for (int k = best.length - 1; k > 0; k--) {
            if (best[k] != null && best[k].start() >= windowStart) {
                return k;
            }
        }
        return 0;
    }

    @Override
    public List<Item> witnesses(Deque<Item> window, long windowStart) {
        int k = (int) count(windowStart);
        return k == 0 ? List.of() : best[k].items();
    }
}
