package dev.sidedoor.core.event;

/** Caps attacker-controlled text that is copied into context. */
public final class Clip {

    /**
     * Command and script text read into context: more than a finding keeps, so that secrets are redacted on whole
     * text before the finding clips it (a key cut in half would no longer look like a key).
     */
    public static final int COMMAND_TEXT_READ = 2 * dev.sidedoor.core.finding.FindingClips.MAX_CHARS;

    private Clip() {
    }

    public static String of(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "...";
    }
}
