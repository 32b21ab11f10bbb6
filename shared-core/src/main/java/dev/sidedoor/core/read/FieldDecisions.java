package dev.sidedoor.core.read;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Remembers a screening's yes-or-no answer per distinct set of values of some top-level fields (a CloudTrail
 * record's eventSource and eventName, mostly), looked up straight from the record's bytes: no key is built for a
 * record whose answer is known. Bounded: beyond {@code max} answers the rest are worked out each time. Thread-safe;
 * entries are never removed, and two threads that race to add one key add two equal entries, which is harmless.
 */
public final class FieldDecisions {

    private record Entry(long hash, byte[] key, boolean decision) { }

    private record Slots(FieldLayout layout, int[] slots) { }

    private final String[] names;
    private final int max;
    private final AtomicReferenceArray<Entry> table;
    private final AtomicInteger size = new AtomicInteger();
    /** {@link #names}' slots in the layout seen last (all readers of one screen share one layout). */
    private volatile Slots slots;

    /** @param names the fields an answer depends on, all of them, absent or not */
    public FieldDecisions(String[] names, int max) {
        this.names = names.clone();
        this.max = max;
        this.table = new AtomicReferenceArray<>(Integer.highestOneBit(Math.max(4, max) * 2 - 1) * 2);
    }

    /** The answer remembered for records with these values, or null. */
    public Boolean get(TopLevelFields fields) {
        int[] s = slotsFor(fields);
        long hash = fields.keyHash(s);
        int mask = table.length() - 1;
        for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
            Entry e = table.get(i);
            if (e == null) {
                return null;
            }
            if (e.hash == hash && fields.keyEquals(s, e.key)) {
                return e.decision;
            }
        }
    }

    /** Remembers the answer for records with these values, unless {@code max} answers are held already. */
    public void put(TopLevelFields fields, boolean decision) {
        if (size.get() >= max) {
            return;
        }
        int[] s = slotsFor(fields);
        long hash = fields.keyHash(s);
        Entry entry = new Entry(hash, fields.keyBytes(s), decision);
        int mask = table.length() - 1;
        // The table has twice max slots and holds at most max entries (plus racing duplicates): a free slot exists.
        for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
            if (table.compareAndSet(i, null, entry)) {
                size.incrementAndGet();
                return;
            }
        }
    }

    private int[] slotsFor(TopLevelFields fields) {
        Slots s = slots;
        if (s == null || s.layout != fields.layout()) {
            s = new Slots(fields.layout(), fields.layout().slotsOf(names));
            slots = s;
        }
        return s.slots;
    }
}
