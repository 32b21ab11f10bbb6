package dev.sidedoor.core.baseline;

import java.util.Arrays;

/** Sorted sets of epoch days, as the stores keep them: small (one entry per day within the window) and exact. */
public final class DaySets {

    private DaySets() {
    }

    /**
     * {@code days} with {@code day} added and days more than {@code keepDays} before the latest dropped; null when
     * nothing changed (the day was already there and nothing fell out of the window).
     */
    public static int[] add(int[] days, int day, int keepDays) {
        if (days == null || days.length == 0) {
            return new int[] {day};
        }
        int at = Arrays.binarySearch(days, day);
        int latest = Math.max(day, days[days.length - 1]);
        int floor = latest - keepDays;
        if (at >= 0 && days[0] > floor) {
            return null;
        }
        int[] out = new int[days.length + 1];
        int n = 0;
        boolean placed = at >= 0;
        for (int d : days) {
            if (!placed && day < d) {
                out[n++] = day;
                placed = true;
            }
            out[n++] = d;
        }
        if (!placed) {
            out[n++] = day;
        }
        int start = 0;
        while (start < n && out[start] <= floor) {
            start++;
        }
        return Arrays.copyOfRange(out, start, n);
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
