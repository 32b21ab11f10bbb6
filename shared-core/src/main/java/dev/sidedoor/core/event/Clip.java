package dev.sidedoor.core.event;

/** Caps attacker-controlled text that is copied into context. */
final class Clip {

    private Clip() {
    }

    static String of(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "...";
    }
}
