package dev.sidedoor.core.baseline;

import java.util.Arrays;

/** Sorted sets of epoch days, as the stores keep them: small (one entry per day within the window) and exact. */
public final class DaySets {

    private DaySets() {
    }

    /**
     * {@code days} with {@code day} added; null when it was already there. Nothing is dropped here: within one run
     * an early event is judged on the days before it, however late the run's last event is. {@link #trim} forgets
     * old days when the run ends.
     */
    public static int[] add(int[] days, int day) {
        if (days == null || days.length == 0) {
            return new int[] {day};
        }
        int at = Arrays.binarySearch(days, day);
        if (at >= 0) {
            return null;
        }
        int insert = -at - 1;
        int[] out = new int[days.length + 1];
        System.arraycopy(days, 0, out, 0, insert);
        out[insert] = day;
        System.arraycopy(days, insert, out, insert + 1, days.length - insert);
        return out;
    }

    /** {@code days} without those before {@code floor}; the same array when none is. */
    public static int[] trim(int[] days, int floor) {
        int start = 0;
        while (start < days.length && days[start] < floor) {
            start++;
        }
        return start == 0 ? days : Arrays.copyOfRange(days, start, days.length);
    }

    /** How many of {@code days} fall in [from, to). */
    public static int countIn(int[] days, int from, int to) {
        int c = 0;
        for (int d : days) {
            if (d >= from && d < to) {
                c++;
            }
        }
        return c;
    }
}
