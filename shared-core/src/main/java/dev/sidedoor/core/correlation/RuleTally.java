package dev.sidedoor.core.correlation;

import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * {@code temporal}: how many of the referenced rules have a finding in the window, in any order. The witnesses
 * are the latest finding of each rule present.
 */
final class RuleTally implements Tally {

    private final int[] counts;
    private int present;

    RuleTally(int inputs) {
        this.counts = new int[inputs];
    }

    @Override
    public void add(Item item, long windowStart) {
        if (counts[item.input()]++ == 0) {
            present++;
        }
    }

    @Override
    public void remove(Item item) {
        if (--counts[item.input()] == 0) {
            present--;
        }
    }

    @Override
    public long count(long windowStart) {
        return present;
    }

    @Override
    public List<Item> witnesses(Deque<Item> window, long windowStart) {
        boolean[] seen = new boolean[counts.length];
        List<Item> out = new ArrayList<>(present);
        for (Iterator<Item> it = window.descendingIterator(); it.hasNext() && out.size() < present; ) {
            Item i = it.next();
            if (!seen[i.input()]) {
                seen[i.input()] = true;
                out.add(i);
            }
        }
        out.sort(Item.ORDER);
        return out;
    }

}
