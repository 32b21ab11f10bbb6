package dev.sidedoor.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Report lines on standard error broken at word boundaries to the screen's width, continuation lines indented, so
 * a terminal never wraps them mid-word. A word longer than the width (a path) is cut, keeping its end.
 */
final class Wrap {

    static final String INDENT = "  ";
    /** Joins words that must stay on one line ("1.5 MB"); printed as a plain space. */
    static final char GLUE = '\u00a0';

    private Wrap() {
    }

    /** {@code text} (one line, no line breaks) as lines of at most {@code width} columns. */
    static List<String> lines(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String start = "";
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            int w = Shorten.columns(word);
            int used = Shorten.columns(line.toString());
            boolean fresh = used == start.length();
            if (!fresh && used + 1 + w > width) {
                out.add(line.toString());
                start = INDENT;
                line.setLength(0);
                line.append(start);
                used = start.length();
                fresh = true;
            }
            int room = width - used - (fresh ? 0 : 1);
            if (w > room) {
                word = Shorten.fitTail(word, Math.max(1, room));
            }
            line.append(fresh ? "" : " ").append(word.replace(GLUE, ' '));
        }
        if (line.length() > start.length()) {
            out.add(line.toString());
        }
        return out;
    }

    /** {@link #lines} joined with the platform's line separator, ending in one. */
    static String text(String text, int width) {
        StringBuilder b = new StringBuilder();
        for (String l : lines(text, width)) {
            b.append(l).append(System.lineSeparator());
        }
        return b.toString();
    }
}
