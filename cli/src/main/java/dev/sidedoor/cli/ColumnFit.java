package dev.sidedoor.cli;

/** Shares a line's width out among a table's columns; the tables decide which columns may give. */
final class ColumnFit {

    private ColumnFit() {
    }

    /**
     * Takes one column at a time from the column with the most room per unit of weight, down to {@code floor} or
     * its least width, until the columns fit {@code room}. Columns of weight 0 never give. Returns the width used:
     * more than {@code room} when every column is at its floor (the line is then cut at the edge).
     */
    static int shrink(int[] w, int[] least, int[] weight, int used, int room, int floor) {
        while (used > room) {
            int pick = -1;
            double most = 0;
            for (int i = 0; i < w.length; i++) {
                if (weight[i] > 0 && w[i] > Math.max(least[i], floor) && (double) w[i] / weight[i] > most) {
                    most = (double) w[i] / weight[i];
                    pick = i;
                }
            }
            if (pick < 0) {
                return used;
            }
            w[pick]--;
            used--;
        }
        return used;
    }
}
