package dev.sidedoor.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the table knows about where it is printed: the environment (COLUMNS, NO_COLOR) and whether standard output
 * is a terminal. Tests pass their own; {@link #system()} asks the process.
 *
 * @param env              environment variables
 * @param stdoutIsTerminal whether standard output faces a person (colour and the terminal's own width)
 */
record Screen(Map<String, String> env, boolean stdoutIsTerminal) {

    /** Width when COLUMNS is not set and standard output is not a terminal (piped, redirected to a file). */
    static final int DEFAULT_WIDTH = 120;
    static final int MIN_WIDTH = 20;
    static final int MAX_WIDTH = 1000;

    Screen {
        env = Map.copyOf(env);
    }

    static Screen system() {
        return new Screen(System.getenv(), System.console() != null);
    }

    /** A screen that is not a terminal: what a pipe or a file gets. */
    Screen piped() {
        return new Screen(env, false);
    }

    /**
     * The table width: COLUMNS when it holds a number, else the terminal's width from {@code stty size} when
     * standard output is a terminal, else {@value #DEFAULT_WIDTH}; kept within {@value #MIN_WIDTH}..{@value
     * #MAX_WIDTH}.
     */
    int width() {
        Integer w = number(env.get("COLUMNS"));
        if (w == null && stdoutIsTerminal) {
            w = sttyColumns();
        }
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w == null ? DEFAULT_WIDTH : w));
    }

    /** Colour only on a terminal, and never when NO_COLOR is set (to any value, as no-color.org asks). */
    boolean colour() {
        return stdoutIsTerminal && !env.containsKey("NO_COLOR");
    }

    private static Integer number(String s) {
        if (s == null || !s.strip().matches("\\d{1,5}")) {
            return null;
        }
        int n = Integer.parseInt(s.strip());
        return n > 0 ? n : null;
    }

    /** {@code stty size < /dev/tty}: "rows columns". No shell, a fixed command, given one second at most. */
    private static Integer sttyColumns() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return null;
        }
        Process p = null;
        try {
            p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                return null;
            }
            String answer;
            try (InputStream in = p.getInputStream()) {
                answer = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
            }
            String[] parts = answer.split("\\s+");
            return parts.length == 2 ? number(parts[1]) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (p != null) {
                p.destroy();
            }
        }
    }
}
