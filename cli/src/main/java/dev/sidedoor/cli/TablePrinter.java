package dev.sidedoor.cli;

import dev.sidedoor.core.finding.Finding;
import java.io.PrintStream;

/** The seeds' columns, one finding per row, every cell cleaned of control characters and clipped. */
final class TablePrinter implements FindingPrinter {

    private static final String[] HEAD = {"TIME", "PROVIDER", "ACTOR", "ACTION", "TARGET", "SOURCE IP", "RULE",
        "SEVERITY"};
    private static final int[] WIDTH = {20, 8, 44, 30, 40, 18, 44, 16};

    private final PrintStream out;
    private boolean headerDone;

    TablePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void print(Finding f) {
        if (!headerDone) {
            row(HEAD);
            headerDone = true;
        }
        String severity = f.severity().label() + (f.suppressed() ? " (supp.)"
                : "failure".equals(f.event().outcome()) ? " (failed)" : "");
        row(new String[] {time(f.event().time()), f.provider(), Shorten.actor(f.actor()), f.event().action(),
            Shorten.target(f.target()), f.sourceIp(), f.rule().name(), severity});
    }

    private void row(String[] cells) {
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < cells.length; i++) {
            String c = Terminal.clean(cells[i] == null ? "-" : cells[i], 1000);
            if (c.length() > WIDTH[i]) {
                c = c.substring(0, WIDTH[i] - 1) + "~";
            }
            b.append(c);
            if (i < cells.length - 1) {
                b.append(" ".repeat(WIDTH[i] - c.length() + 1));
            }
        }
        out.println(b.toString().stripTrailing());
    }

    /** Seconds are enough in a table; the JSON formats keep the time as logged. */
    private static String time(String t) {
        if (t == null || t.length() < 19) {
            return t;
        }
        return t.substring(0, 19).replace(' ', 'T') + "Z";
    }

    @Override
    public void finish() {
        if (!headerDone) {
            out.println("No findings.");
        }
        out.flush();
    }
}
