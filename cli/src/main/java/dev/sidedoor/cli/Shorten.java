package dev.sidedoor.cli;

import java.util.regex.Pattern;

/**
 * Keeps the telling end of long identifiers for table cells: the role and session of an ARN, the resource type
 * and name of an Azure resource id, the zone and instance of a GCP resource name. JSON output keeps them whole.
 */
final class Shorten {

    private static final Pattern ARN_PREFIX = Pattern.compile("^arn:aws[a-z-]*:(sts|iam)::\\d{12}:");

    private Shorten() {
    }

    static String actor(String actor) {
        if (actor == null) {
            return null;
        }
        return ARN_PREFIX.matcher(actor).replaceFirst("");
    }

    static String target(String target) {
        if (target == null) {
            return null;
        }
        if (target.regionMatches(true, 0, "/subscriptions/", 0, 15)) {
            boolean scaleSetInstance = target.toLowerCase(java.util.Locale.ROOT).contains("/virtualmachinescalesets/");
            return lastSegments(target, scaleSetInstance ? 4 : 2);
        }
        if (target.startsWith("projects/") && target.contains("/instances/")) {
            return lastSegments(target, 3);
        }
        return target;
    }

    /** At most {@code max} characters, keeping both ends: "arn:aws:sts::1111...ce@corp.example". */
    static String middle(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int head = (max - 3) / 2;
        return text.substring(0, head) + "..." + text.substring(text.length() - (max - 3 - head));
    }

    /** What a cut leaves in place of the text it removed: one column wide. */
    static final String CUT = "\u2026";

    /**
     * The actor in at most {@code width} columns, keeping whom it names: the last path segment (the user after
     * the role of an assumed-role ARN, the session name), from its start. "…/alice@corp", then "…alice@co…".
     */
    static String fitActor(String text, int width) {
        if (columns(text) <= width) {
            return text;
        }
        // A Windows account (domain, backslash, user) names its user last, as an ARN does after its last slash.
        int slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
        String user = slash >= 0 && slash < text.length() - 1 ? text.substring(slash + 1) : text;
        String prefix = user.equals(text) ? "" : (width >= columns(user) + 2 ? CUT + text.charAt(slash) : CUT);
        return prefix + fitHead(user, width - columns(prefix));
    }

    /**
     * The text in at most {@code width} columns, keeping its end (the last segments of a resource path, the
     * operation of an Azure action), cut at a '/' or '.' when that loses no more than a third of the room.
     */
    static String fitTail(String text, int width) {
        if (columns(text) <= width) {
            return text;
        }
        if (width <= 1) {
            return width == 1 ? CUT : "";
        }
        String tail = tail(text, width - 1);
        for (int i = 0; i < tail.length() - 1; i++) {
            char c = tail.charAt(i);
            if (c == '/' || c == '.') {
                if (columns(tail.substring(0, i)) <= (width - 1) / 3) {
                    tail = tail.substring(i);
                }
                break;
            }
        }
        return CUT + tail;
    }

    /**
     * A path-like value ('/' or '.' inside: a resource id, an Azure or GCP operation) keeps its end; a plain one
     * ("ConsoleLogin", "Sign-in activity", an instance id) its start.
     */
    static String fitPath(String text, int width) {
        return text.indexOf('/') >= 0 || text.indexOf('.') >= 0 ? fitTail(text, width) : fitHead(text, width);
    }

    /** The text in at most {@code width} columns, keeping its start. */
    static String fitHead(String text, int width) {
        if (columns(text) <= width) {
            return text;
        }
        if (width <= 1) {
            return width == 1 ? CUT : "";
        }
        return head(text, width - 1) + CUT;
    }

    /** The text in at most {@code width} columns, keeping both ends (account and subscription ids). */
    static String fitMiddle(String text, int width) {
        if (columns(text) <= width) {
            return text;
        }
        if (width <= 2) {
            return fitHead(text, width);
        }
        int front = (width - 1) / 2;
        return head(text, front) + CUT + tail(text, width - 1 - front);
    }

    /** Columns a terminal gives the text: two for wide East Asian characters and emoji, none for combining marks. */
    static int columns(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            n += columns(cp);
            i += Character.charCount(cp);
        }
        return n;
    }

    static int columns(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x200B) {
            return 0;
        }
        if (cp >= 0x1100 && cp <= 0x115F || cp >= 0x2E80 && cp <= 0xA4CF || cp >= 0xAC00 && cp <= 0xD7A3
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F || cp >= 0xFF00 && cp <= 0xFF60
                || cp >= 0xFFE0 && cp <= 0xFFE6 || cp >= 0x1F000) {
            return 2;
        }
        return 1;
    }

    /** The longest start of the text that fits in {@code width} columns. */
    static String head(String text, int width) {
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (used + columns(cp) > width) {
                break;
            }
            used += columns(cp);
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    /** The longest end of the text that fits in {@code width} columns. */
    static String tail(String text, int width) {
        int used = 0;
        int i = text.length();
        while (i > 0) {
            int cp = text.codePointBefore(i);
            if (used + columns(cp) > width) {
                break;
            }
            used += columns(cp);
            i -= Character.charCount(cp);
        }
        return text.substring(i);
    }

    private static String lastSegments(String path, int n) {
        int i = path.length();
        for (int k = 0; k < n; k++) {
            i = path.lastIndexOf('/', i - 1);
            if (i <= 0) {
                return path;
            }
        }
        return "..." + path.substring(i);
    }
}
