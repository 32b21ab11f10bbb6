package dev.sidedoor.cli;

/** Makes log-derived text safe to print on a terminal: no escape sequences, no line breaks, bounded length. */
final class Terminal {

    private Terminal() {
    }

    /**
     * Whether standard error is a terminal. {@code System.console()} answers for stdin and stdout, which are
     * often redirected while stderr still faces a person; on Linux /proc tells about fd 2 itself.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Paths.get("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    static String clean(String s) {
        return clean(s, 2000);
    }

    static String clean(String s, int max) {
        if (s == null) {
            return "";
        }
        int n = Math.min(s.length(), max);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069')) {
                b.append(c == '\t' ? ' ' : '\uFFFD');
            } else {
                b.append(c);
            }
        }
        if (s.length() > max) {
            b.append("...");
        }
        return b.toString();
    }
}
