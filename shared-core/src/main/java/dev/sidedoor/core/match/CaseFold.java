package dev.sidedoor.core.match;

/**
 * Per-character case folding, the folding {@link String#equalsIgnoreCase} uses
 * ({@code Character.toLowerCase(Character.toUpperCase(c))}), with an ASCII fast path. Folding one character at a
 * time lets matchers compare against a (possibly huge, attacker-supplied) value without making a lower-cased copy.
 */
public final class CaseFold {

    private CaseFold() {
    }

    /** The case-folded form of one UTF-16 character; two characters are equal ignoring case iff their folds are. */
    public static char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
