package dev.sidedoor.core.correlation;

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Distinct keys in the window: events for {@code event_count} (so an event two referenced rules match counts
 * once), values of the field for {@code value_count}. Every finding in the window is a witness.
 */
final class DistinctTally implements Tally {

    private final Function<Item, String> key;
    private final Map<String, Integer> counts = new HashMap<>();

    DistinctTally(Function<Item, String> key) {
        this.key = key;
    }

    @Override
    public void add(Item item, long windowStart) {
        counts.merge(key.apply(item), 1, Integer::sum);
    }

    @Override
    public void remove(Item item) {
        counts.computeIfPresent(key.apply(item), (k, n) -> n == 1 ? null : n - 1);
    }

    @Override
    public long count(long windowStart) {
        return counts.size();
    }

    @Override
    public List<Item> witnesses(Deque<Item> window, long windowStart) {
        return new ArrayList<>(window);
    }
}
