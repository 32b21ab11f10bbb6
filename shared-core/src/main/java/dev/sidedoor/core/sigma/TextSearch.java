package dev.sidedoor.core.sigma;

import dev.sidedoor.core.match.CaseFold;
import dev.sidedoor.core.match.Glob;

/**
 * Comparisons where both sides come from the record ({@code |fieldref}), so neither can be precompiled and
 * both may be huge: {@code contains} uses Knuth-Morris-Pratt to stay linear.
 */
final class TextSearch {

    private TextSearch() {
    }

    static boolean compare(String text, String other, Glob.Mode mode, boolean cased) {
        int n = text.length();
        int m = other.length();
        return switch (mode) {
            case EQUALS -> cased ? text.equals(other) : text.equalsIgnoreCase(other);
            case STARTSWITH -> m <= n && text.regionMatches(!cased, 0, other, 0, m);
            case ENDSWITH -> m <= n && text.regionMatches(!cased, n - m, other, 0, m);
            case CONTAINS -> contains(text, other, cased);
        };
    }

    static boolean contains(String text, String pattern, boolean cased) {
        int m = pattern.length();
        if (m == 0) {
            return true;
        }
        if (m > text.length()) {
            return false;
        }
        char[] p = new char[m];
        for (int i = 0; i < m; i++) {
            p[i] = cased ? pattern.charAt(i) : CaseFold.fold(pattern.charAt(i));
        }
        int[] fail = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = fail[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            fail[i] = k;
        }
        for (int i = 0, k = 0, n = text.length(); i < n; i++) {
            char c = cased ? text.charAt(i) : CaseFold.fold(text.charAt(i));
            while (k > 0 && c != p[k]) {
                k = fail[k - 1];
            }
            if (c == p[k] && ++k == m) {
                return true;
            }
        }
        return false;
    }
}
