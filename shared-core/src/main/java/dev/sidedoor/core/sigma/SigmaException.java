package dev.sidedoor.core.sigma;

/**
 * A Sigma rule that cannot be loaded, with the place to fix it.
 *
 * <p>The message is {@code source:line: reason} so editors and CI logs can jump straight to the line.
 */
public final class SigmaException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Reasons quote rule text (a key, a value, a regex), and rule text is as untrusted as any input: a quoted
     * multi-megabyte value must not flood a terminal, a CI log or a function's start-up error.
     */
    static final int MAX_REASON = 1000;

    private final String source;
    private final int line;
    private final String reason;

    /** Public for the checks that span files (correlation references); rule text itself is checked here. */
    public SigmaException(String source, int line, String reason) {
        this(source, line, reason, null);
    }

    SigmaException(String source, int line, String reason, Throwable cause) {
        super(String.valueOf(source) + ":" + Math.max(line, 0) + ": " + clip(String.valueOf(reason)), cause);
        this.source = String.valueOf(source);
        this.line = Math.max(line, 0);
        this.reason = clip(String.valueOf(reason));
    }

    static String clip(String text) {
        if (text.length() <= MAX_REASON) {
            return text;
        }
        int cut = MAX_REASON;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "... (" + (text.length() - cut) + " more characters)";
    }

    /** The file path or resource name the rule came from. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, 0 when it cannot be tied to a line (e.g. an unreadable file). */
    public int line() {
        return line;
    }

    /** What is wrong, without the location prefix. */
    public String reason() {
        return reason;
    }
}
