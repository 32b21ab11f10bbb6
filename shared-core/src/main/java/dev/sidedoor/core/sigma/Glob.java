package dev.sidedoor.core.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled Sigma string value: {@code *} matches any run of characters, {@code ?} exactly one, and (with
 * {@code windash}) a dash class matches any of the Windows flag characters.
 *
 * <p>Matching splits the pattern at its stars and places each piece at its leftmost possible position. For glob
 * patterns leftmost placement is always safe (a later placement never helps the following pieces), so there is no
 * backtracking: the cost is at most the value length times the pattern length, whatever the value contains.
 * Record values are attacker-controlled and may be megabytes long; rule patterns are short.
 *
 * <p>For case-insensitive patterns the pattern characters are folded once here and each value character is
 * folded while comparing, so no lower-cased copy of the value is made.
 */
final class Glob {

    enum Mode { EQUALS, CONTAINS, STARTSWITH, ENDSWITH }

    private static final byte LIT = 0;
    private static final byte ONE = 1;
    private static final byte DASH = 2;
    /** Token stream marker for a star; other tokens are {@code kind << 16 | char}. */
    private static final int STAR = -1;

    private final char[][] chars;
    private final byte[][] kinds;
    private final boolean hasStar;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final boolean caseSensitive;
    private final int minLength;

    private Glob(List<Integer> tokens, boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        List<List<Integer>> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        boolean star = false;
        for (int t : tokens) {
            if (t == STAR) {
                star = true;
                if (!current.isEmpty()) {
                    segments.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty() || !star) {
            segments.add(current);
        }
        this.hasStar = star;
        this.anchoredStart = tokens.isEmpty() || tokens.get(0) != STAR;
        this.anchoredEnd = tokens.isEmpty() || tokens.get(tokens.size() - 1) != STAR;
        this.chars = new char[segments.size()][];
        this.kinds = new byte[segments.size()][];
        int min = 0;
        for (int i = 0; i < segments.size(); i++) {
            List<Integer> seg = segments.get(i);
            chars[i] = new char[seg.size()];
            kinds[i] = new byte[seg.size()];
            for (int j = 0; j < seg.size(); j++) {
                int t = seg.get(j);
                char c = (char) (t & 0xFFFF);
                kinds[i][j] = (byte) (t >>> 16);
                chars[i][j] = caseSensitive ? c : CaseFold.fold(c);
            }
            min += seg.size();
        }
        this.minLength = min;
    }

    /**
     * A Sigma string value. Wildcards {@code *} and {@code ?}; {@code \*}, {@code \?} and {@code \\} are escapes,
     * and a backslash before anything else is an ordinary character (so {@code C:\Windows} needs no escaping).
     */
    static Glob sigma(String value, Mode mode, boolean caseSensitive, boolean windash) {
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && isEscapable(value.charAt(i + 1))) {
                tokens.add(lit(value.charAt(++i)));
            } else if (c == '*') {
                tokens.add(STAR);
            } else if (c == '?') {
                tokens.add(ONE << 16);
            } else {
                tokens.add(lit(c));
            }
        }
        if (windash) {
            markWindash(tokens);
        }
        return new Glob(withMode(tokens, mode), caseSensitive);
    }

    /** A value taken literally (numbers, encoded values): no wildcards, no escapes. */
    static Glob literal(String value, Mode mode, boolean caseSensitive) {
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            tokens.add(lit(value.charAt(i)));
        }
        return new Glob(withMode(tokens, mode), caseSensitive);
    }

    /** True if the Sigma value has an unescaped {@code *} or {@code ?}. */
    static boolean hasWildcards(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && isEscapable(value.charAt(i + 1))) {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    /** The Sigma value with its escapes resolved; only meaningful when {@link #hasWildcards} is false. */
    static String unescape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && isEscapable(value.charAt(i + 1))) {
                c = value.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    boolean matches(String s) {
        int n = s.length();
        if (!hasStar) {
            return n == minLength && matchAt(0, s, 0);
        }
        if (n < minLength) {
            return false;
        }
        int first = 0;
        int last = chars.length - 1;
        int pos = 0;
        int end = n;
        if (anchoredStart) {
            if (!matchAt(0, s, 0)) {
                return false;
            }
            pos = chars[0].length;
            first = 1;
        }
        if (anchoredEnd) {
            int len = chars[last].length;
            if (end - len < pos || !matchAt(last, s, end - len)) {
                return false;
            }
            end -= len;
            last--;
        }
        for (int i = first; i <= last; i++) {
            int at = find(i, s, pos, end);
            if (at < 0) {
                return false;
            }
            pos = at + chars[i].length;
        }
        return true;
    }

    private int find(int seg, String s, int from, int to) {
        char[] c = chars[seg];
        int lastStart = to - c.length;
        if (kinds[seg][0] == LIT) {
            char head = c[0];
            for (int p = from; p <= lastStart; p++) {
                char t = s.charAt(p);
                if ((caseSensitive ? t : CaseFold.fold(t)) == head && matchAt(seg, s, p)) {
                    return p;
                }
            }
            return -1;
        }
        for (int p = from; p <= lastStart; p++) {
            if (matchAt(seg, s, p)) {
                return p;
            }
        }
        return -1;
    }

    private boolean matchAt(int seg, String s, int at) {
        char[] c = chars[seg];
        byte[] k = kinds[seg];
        for (int j = 0; j < c.length; j++) {
            char t = s.charAt(at + j);
            byte kind = k[j];
            if (kind == LIT) {
                if ((caseSensitive ? t : CaseFold.fold(t)) != c[j]) {
                    return false;
                }
            } else if (kind == DASH && !isDash(t)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEscapable(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    private static int lit(char c) {
        return c;
    }

    /** The characters Windows accepts in front of a command-line flag (Sigma's windash set). */
    static boolean isDash(char c) {
        return c == '-' || c == '/' || c == '\u2013' || c == '\u2014' || c == '\u2015';
    }

    /**
     * Turns flag dashes into a dash class. Like pySigma ({@code \B[-/]\b}): a '-' or '/' that does not follow a
     * word character and is followed by one, e.g. the dashes of {@code -enc} but not of {@code a-b}. A class
     * instead of pySigma's permutation list keeps many flags in one value from multiplying the patterns.
     */
    private static void markWindash(List<Integer> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            int t = tokens.get(i);
            if (t != '-' && t != '/') {
                continue;
            }
            boolean wordBefore = i > 0 && isWordToken(tokens.get(i - 1));
            boolean wordAfter = i + 1 < tokens.size() && isWordToken(tokens.get(i + 1));
            if (!wordBefore && wordAfter) {
                tokens.set(i, DASH << 16 | t);
            }
        }
    }

    private static boolean isWordToken(int t) {
        if (t == STAR || t >>> 16 != LIT) {
            return false;
        }
        char c = (char) t;
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static List<Integer> withMode(List<Integer> tokens, Mode mode) {
        if (mode == Mode.CONTAINS || mode == Mode.ENDSWITH) {
            tokens.add(0, STAR);
        }
        if (mode == Mode.CONTAINS || mode == Mode.STARTSWITH) {
            tokens.add(STAR);
        }
        return tokens;
    }
}
