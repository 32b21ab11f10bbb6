package dev.sidedoor.core.tuning;

/**
 * The tuning file cannot be used. The message reads {@code file:line: reason} (line 1-based), as compilers and
 * editors print it, so a reviewer can jump to the spot. When no line applies (the file cannot be read, or the YAML
 * library gives no position, e.g. for its alias limit) the message is {@code file: reason} and {@link #line()} is 0.
 */
public final class TuningException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    public TuningException(String source, int line, String reason) {
        this(source, line, reason, null);
    }

    public TuningException(String source, int line, String reason, Throwable cause) {
        super(line > 0 ? source + ":" + line + ": " + reason : source + ": " + reason, cause);
        this.source = source;
        this.line = Math.max(0, line);
        this.reason = reason;
    }

    /** The file name (or other source label) given to {@link Tuning#load} or {@link Tuning#parse}. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The problem without the location prefix. */
    public String reason() {
        return reason;
    }
}
