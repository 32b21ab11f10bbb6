package dev.sidedoor.core.baseline;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** A baseline held for one run: what a scan without {@code --state} learns from the logs it reads. Thread-safe. */
public final class MemoryStore implements BaselineStore {

    private final Map<String, int[]> days = new HashMap<>();
    private final Map<String, Members> members = new HashMap<>();
    private final Map<String, Long> times = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();
    private int first = Integer.MAX_VALUE;

    /** An empty baseline. */
    public MemoryStore() {
    }

    @Override
    public synchronized int[] days(String key) {
        int[] d = days.get(key);
        return d == null ? new int[0] : d.clone();
    }

    @Override
    public synchronized void add(String key, int epochDay) {
        int[] merged = DaySets.add(days.get(key), epochDay);
        if (merged != null) {
            days.put(key, merged);
        }
    }

    @Override
    public synchronized void addMember(String key, String member, int epochDay) {
        members.computeIfAbsent(key, k -> new Members()).add(member, epochDay);
    }

    @Override
    public synchronized int membersBetween(String key, int from, int epochDay) {
        Members m = members.get(key);
        return m == null ? 0 : m.countBetween(from, epochDay);
    }

    @Override
    public synchronized void noteTime(String key, long epochMillis) {
        times.merge(key, epochMillis, Math::min);
    }

    @Override
    public synchronized long time(String key) {
        return times.getOrDefault(key, Long.MAX_VALUE);
    }

    @Override
    public synchronized String text(String key) {
        return texts.get(key);
    }

    @Override
    public synchronized void putText(String key, String value) {
        if (value == null) {
            texts.remove(key);
        } else {
            texts.put(key, value);
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
        days.replaceAll((k, d) -> DaySets.trim(d, epochDay));
        days.values().removeIf(d -> d.length == 0);
        times.values().removeIf(t -> Math.floorDiv(t, 86_400_000L) < epochDay);
        for (Members m : members.values()) {
            m.evictBefore(epochDay);
        }
        members.values().removeIf(Members::isEmpty);
    }

    @Override
    public synchronized void evictTimesBefore(int epochDay) {
        times.values().removeIf(t -> Math.floorDiv(t, 86_400_000L) < epochDay);
    }

    @Override
    public synchronized long size() {
        return days.size() + members.size() + times.size();
    }

    @Override
    public void close() {
        // Nothing to release: the baseline ends with the run.
    }
}
