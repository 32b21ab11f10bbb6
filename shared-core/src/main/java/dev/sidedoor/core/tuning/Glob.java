package dev.sidedoor.core.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A case-insensitive glob: {@code *} matches any run of characters (also none), {@code ?} exactly one character,
 * {@code \*}, {@code \?} and {@code \\} stand for the literal character; any other backslash is literal (so Windows
 * paths need no escaping). The whole value must match.
 *
 * <p>Values are attacker-controlled (actor names, user agents, context strings), so matching never backtracks and
 * never uses {@code java.util.regex}. The pattern is cut at its stars into segments. The first segment (if the
 * pattern does not start with a star) is compared at the start of the value, the last one (if the pattern does not
 * end with a star) at the end, and each segment in between is found at its leftmost position after the previous
 * one with a bit-parallel shift-and scan (which handles {@code ?} without backtracking). Leftmost placement is
 * optimal for globs, so a value is read at most once per segment: time is O(value length × number of segments ×
 * ceil(segment length / 64)), linear in the value for a given pattern.
 *
 * <p>Case folding is per UTF-16 character ({@code toLowerCase(toUpperCase(c))}, as
 * {@link String#equalsIgnoreCase} does); {@code ?} matches one UTF-16 character. Immutable and thread-safe.
 */
final class Glob {

    private final String pattern;
    private final boolean hasStar;
    private final boolean leadingStar;
    private final boolean trailingStar;
    private final Segment[] segments;

    private Glob(String pattern, boolean hasStar, boolean leadingStar, boolean trailingStar, Segment[] segments) {
        this.pattern = pattern;
        this.hasStar = hasStar;
        this.leadingStar = leadingStar;
        this.trailingStar = trailingStar;
        this.segments = segments;
    }

    /** True when the text has an unescaped {@code *} or {@code ?}. */
    static boolean hasWildcards(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && isEscapable(text.charAt(i + 1))) {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    static Glob compile(String pattern) {
        List<Segment> segs = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        List<Boolean> any = new ArrayList<>();
        boolean hasStar = false;
        boolean leadingStar = false;
        boolean trailingStar = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && isEscapable(pattern.charAt(i + 1))) {
                chars.append(fold(pattern.charAt(++i)));
                any.add(false);
                trailingStar = false;
            } else if (c == '*') {
                if (!hasStar && chars.length() == 0) {
                    leadingStar = true;
                }
                hasStar = true;
                trailingStar = true;
                if (chars.length() > 0) {
                    segs.add(new Segment(chars.toString(), any));
                    chars.setLength(0);
                    any.clear();
                }
            } else {
                chars.append(c == '?' ? '?' : fold(c));
                any.add(c == '?');
                trailingStar = false;
            }
        }
        if (chars.length() > 0 || !hasStar) {
            segs.add(new Segment(chars.toString(), any));
        }
        return new Glob(pattern, hasStar, leadingStar, trailingStar, segs.toArray(new Segment[0]));
    }

    String pattern() {
        return pattern;
    }

    /** True for the pattern {@code *} (or {@code **}...), which matches every value. */
    boolean matchesEverything() {
        return hasStar && segments.length == 0;
    }

    boolean matches(String text) {
        if (text == null) {
            return false;
        }
        int n = text.length();
        if (!hasStar) {
            Segment only = segments[0];
            return only.length() == n && only.matchesAt(text, 0);
        }
        int first = 0;
        int last = segments.length - 1;
        int pos = 0;
        int end = n;
        if (!leadingStar) {
            Segment s = segments[first++];
            if (s.length() > n || !s.matchesAt(text, 0)) {
                return false;
            }
            pos = s.length();
        }
        if (!trailingStar && first <= last) {
            Segment s = segments[last--];
            int at = n - s.length();
            if (at < pos || !s.matchesAt(text, at)) {
                return false;
            }
            end = at;
        }
        for (int i = first; i <= last; i++) {
            int at = segments[i].find(text, pos, end);
            if (at < 0) {
                return false;
            }
            pos = at + segments[i].length();
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static boolean isEscapable(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** Characters between two stars; {@code ?} positions match any one character. */
    private static final class Segment {
        private final char[] chars;
        private final boolean[] any;
        private final int words;
        private final long[] anyMask;
        private final long[][] asciiMasks = new long[128][];
        private final Map<Character, long[]> otherMasks = new HashMap<>();

        Segment(String folded, List<Boolean> anyList) {
            this.chars = folded.toCharArray();
            this.any = new boolean[chars.length];
            for (int i = 0; i < chars.length; i++) {
                any[i] = anyList.get(i);
            }
            this.words = Math.max(1, (chars.length + 63) >>> 6);
            this.anyMask = new long[words];
            for (int j = 0; j < chars.length; j++) {
                if (any[j]) {
                    anyMask[j >>> 6] |= 1L << (j & 63);
                }
            }
            for (int j = 0; j < chars.length; j++) {
                if (any[j]) {
                    continue;
                }
                char c = chars[j];
                long[] m = c < 128 ? asciiMasks[c] : otherMasks.get(c);
                if (m == null) {
                    m = Arrays.copyOf(anyMask, words);
                    if (c < 128) {
                        asciiMasks[c] = m;
                    } else {
                        otherMasks.put(c, m);
                    }
                }
                m[j >>> 6] |= 1L << (j & 63);
            }
        }

        int length() {
            return chars.length;
        }

        boolean matchesAt(String text, int at) {
            for (int j = 0; j < chars.length; j++) {
                if (!any[j] && fold(text.charAt(at + j)) != chars[j]) {
                    return false;
                }
            }
            return true;
        }

        private long[] mask(char folded) {
            long[] m = folded < 128 ? asciiMasks[folded] : otherMasks.get(folded);
            return m != null ? m : anyMask;
        }

        /** Leftmost start index in [from, to - length] where this segment matches, or -1. Shift-and scan. */
        int find(String text, int from, int to) {
            int len = chars.length;
            if (to - from < len) {
                return -1;
            }
            long[] state = new long[words];
            int lastWord = (len - 1) >>> 6;
            long lastBit = 1L << ((len - 1) & 63);
            for (int i = from; i < to; i++) {
                long[] m = mask(fold(text.charAt(i)));
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
