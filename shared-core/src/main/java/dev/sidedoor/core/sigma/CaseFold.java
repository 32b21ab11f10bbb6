package dev.sidedoor.core.sigma;

/**
 * Per-character case folding, the same folding {@link String#equalsIgnoreCase} uses, so that comparisons need no
 * lower-cased copy of the (possibly huge, attacker-supplied) record value.
 */
final class CaseFold {

    private CaseFold() {
    }

    static char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(fold(s.charAt(i)));
        }
        return b.toString();
    }
}
