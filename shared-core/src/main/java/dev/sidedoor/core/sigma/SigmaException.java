package dev.sidedoor.core.sigma;

/**
 * A Sigma rule that cannot be loaded, with the place to fix it.
 *
 * <p>The message is {@code source:line: reason} so editors and CI logs can jump straight to the line.
 */
public final class SigmaException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    SigmaException(String source, int line, String reason) {
        this(source, line, reason, null);
    }

    SigmaException(String source, int line, String reason, Throwable cause) {
        super(String.valueOf(source) + ":" + Math.max(line, 0) + ": " + reason, cause);
        this.source = String.valueOf(source);
        this.line = Math.max(line, 0);
        this.reason = reason;
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
