package dev.sidedoor.core.baseline;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** A baseline held for one run: what a scan without {@code --state} learns from the logs it reads. Thread-safe. */
public final class MemoryStore implements BaselineStore {

    private final Map<String, int[]> days = new HashMap<>();
    private int first = Integer.MAX_VALUE;

    @Override
    public synchronized int[] days(String key) {
        int[] d = days.get(key);
        return d == null ? new int[0] : d.clone();
    }

    @Override
    public synchronized void add(String key, int epochDay, int keepDays) {
        int[] merged = DaySets.add(days.get(key), epochDay, keepDays);
        if (merged != null) {
            days.put(key, merged);
        }
    }

    @Override
    public synchronized OptionalInt firstDay() {
        return first == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(first);
    }

    @Override
    public synchronized void noteDay(int epochDay) {
        first = Math.min(first, epochDay);
    }

    @Override
    public synchronized void evictBefore(int epochDay) {
        days.values().removeIf(d -> d.length == 0 || d[d.length - 1] < epochDay);
    }

    @Override
    public synchronized long size() {
        return days.size();
    }

    @Override
    public void close() {
        // Nothing to release: the baseline ends with the run.
    }
}
