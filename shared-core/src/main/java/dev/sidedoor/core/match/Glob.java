package dev.sidedoor.core.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A compiled wildcard pattern: {@code *} matches any run of characters (also none), {@code ?} exactly one
 * character (one code point, so also an emoji or another character outside the Basic Multilingual Plane); {@code \*}, {@code \?} and {@code \\} stand for the literal character, and a backslash before anything
 * else is an ordinary character (so {@code C:\Windows\sys*} needs no escaping). By default the whole value must
 * match and case is ignored.
 *
 * <p>Options, for callers that need them ({@link #compile(String, Mode, boolean, boolean)}):
 * <ul>
 *   <li>{@link Mode}: the pattern must match the whole value, or only somewhere inside it, at its start or at its
 *       end (the same as a leading and/or trailing {@code *}).</li>
 *   <li>case sensitivity: by default characters are compared after {@link CaseFold#fold per-character folding} (the
 *       folding {@link String#equalsIgnoreCase} uses); pattern characters are folded once at compile time and each
 *       value character while comparing, so no lower-cased copy of the value is ever made.</li>
 *   <li>windash (Sigma's modifier): a {@code -} or {@code /} that does not follow a word character but is followed
 *       by one (the dash of {@code -enc}, not of {@code a-b}) matches any character Windows accepts in front of a
 *       command-line flag: {@code -}, {@code /}, en dash, em dash, horizontal bar.</li>
 * </ul>
 * {@link #literal} compiles text with no wildcards and no escapes.
 *
 * <p>Values are attacker-controlled and may be megabytes long, so matching never backtracks and never uses
 * {@code java.util.regex}. The pattern is cut at its stars into segments. The first segment (unless the pattern
 * starts with a star) is compared at the start of the value, the last one (unless it ends with a star) at the end,
 * and each segment in between is found at its leftmost position after the previous one with a bit-parallel
 * shift-and scan (which handles {@code ?} and the dash class without backtracking). Leftmost placement is optimal
 * for globs, so the value is read at most once per segment: time is O(value length × number of segments ×
 * ceil(segment length / 64)), linear in the value for a given pattern.
 *
 * <p>Immutable and thread-safe.
 */
public final class Glob {

    /** Where the pattern has to match. */
    public enum Mode {
        /** The whole value. */
        EQUALS,
        /** Anywhere inside the value. */
        CONTAINS,
        /** At the start of the value. */
        STARTSWITH,
        /** At the end of the value. */
        ENDSWITH
    }

    private static final byte LIT = 0;
    private static final byte ONE = 1;
    private static final byte DASH = 2;
    /** Token stream marker for a star; other tokens are {@code kind << 16 | char}. */
    private static final int STAR = -1;

    private final String pattern;
    private final boolean hasStar;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final Segment[] segments;
    private final int minLength;
    private final boolean caseSensitive;
    /**
     * The tokens by code point (a surrogate pair as one literal), kept only for a pattern with {@code ?}: on a value
     * holding a surrogate pair the fast UTF-16 scan would let {@code ?} take half a character.
     */
    private final int[] codePointTokens;

    private Glob(String pattern, List<Integer> tokens, boolean caseSensitive) {
        this.pattern = pattern;
        List<List<Integer>> parts = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        boolean star = false;
        for (int t : tokens) {
            if (t == STAR) {
                star = true;
                if (!current.isEmpty()) {
                    parts.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty() || !star) {
            parts.add(current);
        }
        this.hasStar = star;
        this.anchoredStart = tokens.isEmpty() || tokens.get(0) != STAR;
        this.anchoredEnd = tokens.isEmpty() || tokens.get(tokens.size() - 1) != STAR;
        this.segments = new Segment[parts.size()];
        int min = 0;
        for (int i = 0; i < parts.size(); i++) {
            // Only segments between two stars are searched for; the anchored ones are compared in place.
            boolean floating = star && !(i == 0 && anchoredStart) && !(i == parts.size() - 1 && anchoredEnd);
            segments[i] = new Segment(parts.get(i), caseSensitive, floating);
            min += segments[i].length();
        }
        this.minLength = min;
        this.caseSensitive = caseSensitive;
        this.codePointTokens = tokens.stream().anyMatch(t -> t != STAR && t >>> 16 == ONE)
                ? byCodePoint(tokens) : null;
    }

    private static int[] byCodePoint(List<Integer> tokens) {
        int[] out = new int[tokens.size()];
        int n = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int t = tokens.get(i);
            if (t != STAR && t >>> 16 == LIT && Character.isHighSurrogate((char) t) && i + 1 < tokens.size()) {
                int next = tokens.get(i + 1);
                if (next != STAR && next >>> 16 == LIT && Character.isLowSurrogate((char) next)) {
                    out[n++] = Character.toCodePoint((char) t, (char) next);
                    i++;
                    continue;
                }
            }
            out[n++] = t == STAR ? STAR : (t >>> 16) << 24 | (t & 0xFFFF);
        }
        return Arrays.copyOf(out, n);
    }

    /** The default glob: case-insensitive, the whole value must match. */
    public static Glob compile(String pattern) {
        return compile(pattern, Mode.EQUALS, false, false);
    }

    /**
     * A glob with options (see the class comment).
     *
     * @param mode          where the pattern has to match
     * @param caseSensitive compare characters exactly instead of ignoring case
     * @param windash       let flag dashes match any Windows flag character
     */
    public static Glob compile(String pattern, Mode mode, boolean caseSensitive, boolean windash) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(mode, "mode");
        List<Integer> tokens = new ArrayList<>(pattern.length() + 2);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && isEscapable(pattern.charAt(i + 1))) {
                tokens.add((int) pattern.charAt(++i));
            } else if (c == '*') {
                tokens.add(STAR);
            } else if (c == '?') {
                tokens.add(ONE << 16 | c);
            } else {
                tokens.add((int) c);
            }
        }
        if (windash) {
            markWindash(tokens);
        }
        return new Glob(pattern, withMode(tokens, mode), caseSensitive);
    }

    /** Text taken literally (no wildcards, no escapes), compared as {@code mode} says. */
    public static Glob literal(String text, Mode mode, boolean caseSensitive) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        List<Integer> tokens = new ArrayList<>(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            tokens.add((int) text.charAt(i));
        }
        return new Glob(text, withMode(tokens, mode), caseSensitive);
    }

    /** True when the pattern text has an unescaped {@code *} or {@code ?}. */
    public static boolean hasWildcards(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && isEscapable(pattern.charAt(i + 1))) {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    /** The pattern text with its escapes resolved; only meaningful when {@link #hasWildcards} is false. */
    public static String unescape(String pattern) {
        StringBuilder b = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && isEscapable(pattern.charAt(i + 1))) {
                c = pattern.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** True when the value matches; a null value never does. */
    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        if (codePointTokens != null && hasSurrogate(value)) {
            return matchesByCodePoint(value);
        }
        int n = value.length();
        if (!hasStar) {
            return n == minLength && segments[0].matchesAt(value, 0);
        }
        if (n < minLength) {
            return false;
        }
        int first = 0;
        int last = segments.length - 1;
        int pos = 0;
        int end = n;
        if (anchoredStart) {
            Segment s = segments[first++];
            if (!s.matchesAt(value, 0)) {
                return false;
            }
            pos = s.length();
        }
        if (anchoredEnd) {
            Segment s = segments[last--];
            int at = n - s.length();
            if (at < pos || !s.matchesAt(value, at)) {
                return false;
            }
            end = at;
        }
        for (int i = first; i <= last; i++) {
            int at = segments[i].find(value, pos, end);
            if (at < 0) {
                return false;
            }
            pos = at + segments[i].length();
        }
        return true;
    }

    private static boolean hasSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same answer by code point, for the rare value with a surrogate pair and a pattern with {@code ?}. A
     * greedy match that falls back to the last star: O(value × pattern) at worst, never exponential.
     */
    private boolean matchesByCodePoint(String value) {
        int[] text = value.codePoints().toArray();
        int[] pat = codePointTokens;
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = 0;
        while (i < text.length) {
            if (p < pat.length && pat[p] != STAR && tokenMatches(pat[p], text[i])) {
                p++;
                i++;
            } else if (p < pat.length && pat[p] == STAR) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < pat.length && pat[p] == STAR) {
            p++;
        }
        return p == pat.length;
    }

    private boolean tokenMatches(int token, int cp) {
        int kind = token >>> 24;
        if (kind == ONE) {
            return true;
        }
        if (kind == DASH) {
            return cp < 0x10000 && isDash((char) cp);
        }
        int literal = token & 0xFFFFFF;
        return caseSensitive ? literal == cp : fold(literal) == fold(cp);
    }

    private static int fold(int cp) {
        return cp < 0x10000 ? CaseFold.fold((char) cp) : Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** True when the pattern is only stars (for example {@code *}, or an empty {@code CONTAINS}): it matches every value. */
    public boolean matchesEverything() {
        return hasStar && segments.length == 0;
    }

    /** The pattern (or literal text) as given, without the stars a {@link Mode} adds. */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static boolean isEscapable(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    /** The characters Windows accepts in front of a command-line flag (Sigma's windash set). */
    private static boolean isDash(char c) {
        return c == '-' || c == '/' || c == '\u2013' || c == '\u2014' || c == '\u2015';
    }

    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

    /**
     * Turns flag dashes into a dash class. Like pySigma ({@code \B[-/]\b}): a dash of the class (also an en dash,
     * em dash or horizontal bar, as the specification lists them) that does not follow a
     * word character and is followed by one, e.g. the dashes of {@code -enc} but not of {@code a-b}. A class
     * instead of pySigma's permutation list keeps many flags in one value from multiplying the patterns.
     */
    private static void markWindash(List<Integer> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            int t = tokens.get(i);
            if (t >>> 16 != LIT || t == STAR || !isDash((char) t)) {
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

    /** Characters between two stars: literal characters, {@code ?} (any one) and dash-class positions. */
    private static final class Segment {
        private static final long[][] NO_MASKS = new long[0][];

        private final char[] chars;
        private final byte[] kinds;
        private final boolean caseSensitive;
        private final int words;
        /** Positions every character matches ({@code ?}): the mask of a character the segment does not name. */
        private final long[] anyMask;
        private final long[][] asciiMasks;
        private final char[] otherKeys;
        private final long[][] otherMasks;

        Segment(List<Integer> tokens, boolean caseSensitive, boolean floating) {
            int len = tokens.size();
            this.caseSensitive = caseSensitive;
            this.chars = new char[len];
            this.kinds = new byte[len];
            for (int j = 0; j < len; j++) {
                int t = tokens.get(j);
                char c = (char) (t & 0xFFFF);
                kinds[j] = (byte) (t >>> 16);
                chars[j] = kinds[j] == LIT && !caseSensitive ? CaseFold.fold(c) : c;
            }
            this.words = Math.max(1, (len + 63) >>> 6);
            if (!floating) {
                this.anyMask = null;
                this.asciiMasks = NO_MASKS;
                this.otherKeys = new char[0];
                this.otherMasks = NO_MASKS;
                return;
            }
            // Shift-and tables: for each character, the positions it may stand at.
            long[] any = new long[words];
            long[] dash = new long[words];
            for (int j = 0; j < len; j++) {
                if (kinds[j] == ONE) {
                    any[j >>> 6] |= 1L << (j & 63);
                } else if (kinds[j] == DASH) {
                    dash[j >>> 6] |= 1L << (j & 63);
                }
            }
            this.anyMask = any;
            TreeMap<Character, long[]> masks = new TreeMap<>();
            for (int j = 0; j < len; j++) {
                if (kinds[j] == LIT) {
                    maskFor(masks, chars[j], dash)[j >>> 6] |= 1L << (j & 63);
                } else if (kinds[j] == DASH) {
                    for (char d : DASHES) {
                        maskFor(masks, d, dash);
                    }
                }
            }
            this.asciiMasks = new long[128][];
            List<Character> others = new ArrayList<>();
            for (var e : masks.entrySet()) {
                if (e.getKey() < 128) {
                    asciiMasks[e.getKey()] = e.getValue();
                } else {
                    others.add(e.getKey());
                }
            }
            this.otherKeys = new char[others.size()];
            this.otherMasks = new long[others.size()][];
            for (int i = 0; i < others.size(); i++) {
                otherKeys[i] = others.get(i);
                otherMasks[i] = masks.get(others.get(i));
            }
        }

        private long[] maskFor(TreeMap<Character, long[]> masks, char c, long[] dash) {
            return masks.computeIfAbsent(c, k -> {
                long[] m = Arrays.copyOf(anyMask, words);
                if (isDash(k)) {
                    for (int w = 0; w < words; w++) {
                        m[w] |= dash[w];
                    }
                }
                return m;
            });
        }

        int length() {
            return chars.length;
        }

        boolean matchesAt(String text, int at) {
            for (int j = 0; j < chars.length; j++) {
                char t = text.charAt(at + j);
                byte kind = kinds[j];
                if (kind == LIT) {
                    if ((caseSensitive ? t : CaseFold.fold(t)) != chars[j]) {
                        return false;
                    }
                } else if (kind == DASH && !isDash(t)) {
                    return false;
                }
            }
            return true;
        }

        /** The positions the value character may stand at. No character folds to a dash, so folding is safe here. */
        private long[] mask(char t) {
            char c = caseSensitive ? t : CaseFold.fold(t);
            long[] m;
            if (c < 128) {
                m = asciiMasks[c];
            } else {
                int i = Arrays.binarySearch(otherKeys, c);
                m = i >= 0 ? otherMasks[i] : null;
            }
            return m != null ? m : anyMask;
        }

        /** Leftmost start index in [from, to - length] where this segment matches, or -1. Shift-and scan. */
        int find(String text, int from, int to) {
            int len = chars.length;
            if (to - from < len) {
                return -1;
            }
            if (words == 1) {
                long state = 0;
                long hit = 1L << (len - 1);
                for (int i = from; i < to; i++) {
                    state = ((state << 1) | 1L) & mask(text.charAt(i))[0];
                    if ((state & hit) != 0) {
                        return i - len + 1;
                    }
                }
                return -1;
            }
            long[] state = new long[words];
            int lastWord = (len - 1) >>> 6;
            long lastBit = 1L << ((len - 1) & 63);
            for (int i = from; i < to; i++) {
                long[] m = mask(text.charAt(i));
                long carry = 1L;
                for (int w = 0; w < words; w++) {
                    long next = state[w] >>> 63;
                    state[w] = ((state[w] << 1) | carry) & m[w];
                    carry = next;
                }
                if ((state[lastWord] & lastBit) != 0) {
                    return i - len + 1;
                }
            }
            return -1;
        }
    }
}
