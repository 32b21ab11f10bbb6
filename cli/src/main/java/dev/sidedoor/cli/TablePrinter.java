package dev.sidedoor.cli;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One finding per row, in the order given (event time), in no more than the screen's width: every cell cleaned
 * of control characters, then cut to its column keeping its telling end. Rows are held until {@link #finish} so
 * that the columns are sized to what they hold.
 */
final class TablePrinter implements FindingPrinter {

    /** The marker column's legend, printed under the table when a marker was shown. */
    static final String LEGEND = "M: n notes (see --format jsonl), s suppressed, f failed attempt; baseline: "
            + "r routine, N novel, l learning";

    /** Width at which the rule name gets a column of its own, and then the source address. */
    static final int RULE_FROM = 160;
    static final int SOURCE_IP_FROM = 220;

    /** What a wide column keeps before severity is abbreviated. */
    private static final int COMFORTABLE = 16;

    private static final String RESET = "\u001b[0m";

    /** A column: its heading, the least and most it takes, how readily it gives room up, how a value is cut. */
    private record Column(String head, int min, int max, int weight, BiFunction<String, Integer, String> fit) {
    }

    private static final Column TIME = new Column("TIME", 20, 20, 0, Shorten::fitHead);
    private static final Column SEVERITY = new Column("SEVERITY", 8, 13, 0, Shorten::fitHead);
    private static final Column MARKS = new Column("M", 3, 3, 0, Shorten::fitHead);
    private static final Column ACCOUNT = new Column("ACCOUNT", 6, 36, 1, Shorten::fitMiddle);
    private static final Column ACTOR = new Column("ACTOR", 10, 60, 3, Shorten::fitActor);
    private static final Column ACTION = new Column("ACTION", 8, 60, 2, Shorten::fitPath);
    private static final Column TARGET = new Column("TARGET", 8, 60, 2, Shorten::fitPath);
    private static final Column RULE = new Column("RULE", 12, 50, 1, Shorten::fitHead);
    private static final Column SOURCE_IP = new Column("SOURCE IP", 9, 39, 1, Shorten::fitHead);

    private record Row(Severity severity, String[] cells) {
    }

    private final PrintStream out;
    private final int width;
    private final boolean colour;
    private final List<Column> columns = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private boolean anyMarker;

    TablePrinter(PrintStream out, int width, boolean colour) {
        this.out = out;
        this.width = width;
        this.colour = colour;
        columns.addAll(List.of(TIME, SEVERITY, MARKS, ACCOUNT, ACTOR, ACTION, TARGET));
        if (width >= RULE_FROM) {
            columns.add(RULE);
        }
        if (width >= SOURCE_IP_FROM) {
            columns.add(SOURCE_IP);
        }
    }

    @Override
    public void print(Finding f) {
        String marks = marks(f);
        anyMarker |= !marks.isEmpty();
        List<String> cells = new ArrayList<>(columns.size());
        for (Column c : columns) {
            String v;
            if (c == TIME) {
                v = time(f.event().time());
            } else if (c == SEVERITY) {
                v = f.severity().label();
            } else if (c == MARKS) {
                v = marks;
            } else if (c == ACCOUNT) {
                v = f.account();
            } else if (c == ACTOR) {
                v = Shorten.actor(f.actor());
            } else if (c == ACTION) {
                v = f.event().action();
            } else if (c == TARGET) {
                v = Shorten.target(f.target());
                if (v != null && v.startsWith("...") && !v.equals(f.target())) {
                    v = Shorten.CUT + v.substring(3);
                }
            } else if (c == RULE) {
                v = f.rule().name();
            } else {
                v = f.sourceIp();
            }
            cells.add(v == null || v.isEmpty() ? "-" : Terminal.clean(v, 1000));
        }
        rows.add(new Row(f.severity(), cells.toArray(String[]::new)));
    }

    /** n notes, s suppressed, f failed, then the baseline's r, N or l. */
    static String marks(Finding f) {
        StringBuilder b = new StringBuilder(3);
        if (!f.notes().isEmpty()) {
            b.append('n');
        }
        if (f.suppressed()) {
            b.append('s');
        }
        if ("failure".equals(f.event().outcome())) {
            b.append('f');
        }
        if (f.baseline() != null && f.baseline().state() != null) {
            switch (f.baseline().state()) {
                case "routine" -> b.append('r');
                case "novel" -> b.append('N');
                case "learning" -> b.append('l');
                default -> b.append('?');
            }
        }
        return b.toString();
    }

    @Override
    public void finish() {
        if (rows.isEmpty()) {
            out.println("No findings.");
            out.flush();
            return;
        }
        int[] w = layout();
        boolean shortSeverity = w[columns.indexOf(SEVERITY)] < Severity.INFORMATIONAL.label().length();
        String[] head = new String[columns.size()];
        for (int i = 0; i < head.length; i++) {
            head[i] = columns.get(i).head();
        }
        out.println(line(head, w, null));
        for (Row r : rows) {
            if (shortSeverity) {
                r.cells()[columns.indexOf(SEVERITY)] = r.severity() == Severity.INFORMATIONAL ? "info"
                        : r.severity().label();
            }
            out.println(line(r.cells(), w, r.severity()));
        }
        if (anyMarker) {
            out.println(Shorten.fitHead(LEGEND, width));
        }
        out.flush();
    }

    /**
     * Column widths: each its widest value (within its bounds); while the line is too long, the column with the
     * most room per unit of weight gives one column up. Fixed columns (weight 0) never give; below the sum of
     * the least widths each line is cut at the screen's edge.
     */
    private int[] layout() {
        int n = columns.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            Column c = columns.get(i);
            int widest = Shorten.columns(c.head());
            for (Row r : rows) {
                widest = Math.max(widest, Shorten.columns(r.cells()[i]));
            }
            w[i] = c.weight() == 0 ? (c == SEVERITY ? Math.min(widest, c.max()) : c.min())
                    : Math.max(c.min(), Math.min(widest, c.max()));
        }
        int room = width - (n - 1);
        int used = java.util.Arrays.stream(w).sum();
        // First the wide columns give up what they hold beyond a readable width, then severity is abbreviated
        // ("info" for "informational"), then they give up the rest down to their least.
        used = shrink(w, used, room, COMFORTABLE);
        int sev = columns.indexOf(SEVERITY);
        if (used > room && w[sev] > SEVERITY.min()) {
            used -= w[sev] - SEVERITY.min();
            w[sev] = SEVERITY.min();
        }
        shrink(w, used, room, 0);
        return w;
    }

    private int shrink(int[] w, int used, int room, int floor) {
        int[] least = new int[w.length];
        int[] weight = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            least[i] = columns.get(i).min();
            weight[i] = columns.get(i).weight();
        }
        return ColumnFit.shrink(w, least, weight, used, room, floor);
    }

    private String line(String[] cells, int[] w, Severity severity) {
        StringBuilder b = new StringBuilder(width + 16);
        int used = 0;
        for (int i = 0; i < cells.length; i++) {
            String c = severity == null ? Shorten.fitHead(cells[i], w[i]) : columns.get(i).fit().apply(cells[i], w[i]);
            int cw = Shorten.columns(c);
            boolean last = i == cells.length - 1;
            if (used + cw > width) {
                c = Shorten.head(c, Math.max(0, width - used));
                cw = Shorten.columns(c);
                last = true;
            }
            if (colour && severity != null && columns.get(i) == SEVERITY) {
                b.append(colour(severity)).append(c).append(RESET);
            } else {
                b.append(c);
            }
            used += cw;
            if (last) {
                break;
            }
            int pad = Math.min(w[i] - cw + 1, width - used);
            b.append(" ".repeat(Math.max(0, pad)));
            used += Math.max(0, pad);
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        return b.substring(0, end);
    }

    private static String colour(Severity s) {
        return switch (s) {
            case CRITICAL -> "\u001b[1;31m";
            case HIGH -> "\u001b[31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFORMATIONAL -> "\u001b[2m";
        };
    }

    /** Seconds are enough in a table; the JSON formats keep the time as logged. */
    private static String time(String t) {
        if (t == null || t.length() < 19) {
            return t;
        }
        return t.substring(0, 19).replace(' ', 'T') + "Z";
    }
}
