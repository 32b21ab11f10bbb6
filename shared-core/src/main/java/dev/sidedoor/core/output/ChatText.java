package dev.sidedoor.core.output;

/**
 * Makes log-derived text safe to show in Slack / Teams markdown. Every value a finding carries came from a log
 * record, so an attacker chooses it: it must not mention {@code @channel} ({@code <!channel>}), smuggle a link
 * ({@code <https://evil|ok>}, a bare URL), break out of formatting or forge extra lines.
 *
 * <p>Backslash escapes are not portable (Slack mrkdwn has none), so values go inside code spans, where neither
 * Slack nor Teams renders mentions, links or emphasis; a backtick inside a value becomes a look-alike so the span
 * cannot be closed early. {@code & < >} are entity-escaped everywhere, control and bidi characters dropped, line
 * breaks folded to spaces and lengths capped.
 */
public final class ChatText {

    private static final String ELLIPSIS = "\u2026";

    private ChatText() {
    }

    /** A value shown verbatim, as an inline code span; "-" when absent. */
    public static String code(String value, int maxChars) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        return "`" + escape(value, maxChars, true) + "`";
    }

    /**
     * Text of the product's own making (a rule title, a severity) that may still carry a user rule's characters:
     * entity-escaped, markdown punctuation replaced by look-alikes, on one line.
     */
    public static String plain(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        return escape(text, maxChars, false);
    }

    private static String escape(String s, int maxChars, boolean inCode) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), maxChars) + 16);
        int taken = 0;
        boolean lastSpace = false;
        for (int i = 0; i < s.length() && taken < maxChars; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                if (!lastSpace) {
                    b.append(' ');
                    taken++;
                }
                lastSpace = true;
                continue;
            }
            lastSpace = c == ' ';
            if (Character.isISOControl(c) || isInvisible(c)) {
                continue;
            }
            taken++;
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '`' -> b.append('\u02CB');
                default -> b.append(inCode ? String.valueOf(c) : markdownSafe(c));
            }
        }
        String out = b.toString().strip();
        if (taken >= maxChars && taken < s.length()) {
            out += ELLIPSIS;
        }
        return out;
    }

    /** Bidi overrides and zero-width characters, which can disguise what a reader sees. */
    private static boolean isInvisible(char c) {
        return (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
    }

    private static String markdownSafe(char c) {
        return switch (c) {
            case '*' -> "\u2217";
            case '_' -> "\uFF3F";
            case '~' -> "\u223C";
            case '|' -> "\u2223";
            case '[' -> "\uFF3B";
            case ']' -> "\uFF3D";
            case '#' -> "\uFF03";
            case '@' -> "\uFF20";
            case ':' -> "\uA789";
            default -> String.valueOf(c);
        };
    }
}
