package dev.sidedoor.core.finding;

import dev.sidedoor.core.event.AuditEvent;

/**
 * One line a person can read: what happened, by whom, to what, from where. Values are raw log text, so line
 * breaks and control characters are folded and every value is capped; chat and HTML renderers escape further.
 */
public final class Summaries {

    private static final int MAX_VALUE = 160;

    private Summaries() {
    }

    public static String of(String title, AuditEvent e) {
        return of(title, e.actor(), e.target(), e.sourceIp(), e.context(), e.outcome(), e.errorCode());
    }

    /**
     * The same line from a finding's parts. A log-in assembled from several steps (context {@code login_outcome})
     * states how it ended instead of the failed call's error.
     */
    public static String of(String title, String actor, String target, String sourceIp,
            java.util.Map<String, String> context, String outcome, String errorCode) {
        StringBuilder b = new StringBuilder(160);
        b.append(clean(title));
        b.append(": ").append(actor == null ? "unknown actor" : clean(actor));
        if (target != null) {
            b.append(" on ").append(clean(target));
        }
        if (sourceIp != null) {
            b.append(" from ").append(clean(sourceIp));
        }
        String type = context.get("session_type");
        String doc = context.get("document");
        String port = context.get("port");
        String osUser = context.get("os_user");
        StringBuilder detail = new StringBuilder();
        String commandLine = context.get("command_line");
        if (commandLine != null) {
            detail.append("ran ").append(clean(commandLine));
            String parent = context.get("parent_image");
            if (parent != null) {
                detail.append(", parent ").append(clean(parent));
            }
        } else if (doc != null) {
            detail.append("document ").append(clean(doc));
        } else if (type != null) {
            detail.append(clean(type));
        }
        if (port != null) {
            append(detail, "port " + clean(port));
        }
        if (osUser != null) {
            append(detail, "as " + clean(osUser));
        }
        if (detail.length() > 0) {
            b.append(" (").append(detail).append(')');
        }
        String login = context.get(LogIns.OUTCOME);
        if (login != null) {
            b.append(" - log-in ").append(clean(login));
        } else if (AuditEvent.FAILURE.equals(outcome)) {
            b.append(" - FAILED");
            if (errorCode != null) {
                b.append(": ").append(clean(errorCode));
            }
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String s) {
        if (b.length() > 0) {
            b.append(", ");
        }
        b.append(s);
    }

    /** Folds control characters (including line breaks) to spaces and caps the length. */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        int n = Math.min(s.length(), MAX_VALUE);
        StringBuilder b = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        if (s.length() > MAX_VALUE) {
            b.append("...");
        }
        return b.toString();
    }
}
