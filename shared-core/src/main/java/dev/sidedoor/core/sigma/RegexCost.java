package dev.sidedoor.core.sigma;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The size of a {@code |re} pattern's compiled program, estimated from its text before RE2/J compiles it.
 *
 * <p>RE2/J matches in time linear in the value, but the factor is the program size, and counted repetition is
 * compiled by copying: {@code (?:a{1000}){1000}} is a million instructions and a minute per 100 KB to run; one
 * more level does not compile in a gigabyte of heap. RE2/J caps each count at 1000 but, unlike Go's regexp/syntax,
 * neither nested products nor the program size, and tells the size only once it has compiled. Hence this
 * estimate, with the accounting of RE2/J's simplify-then-compile: a character, class or assertion is one
 * instruction; {@code x+} and {@code x?} add one, {@code x*} one or, when x can match empty, two; {@code x{n,m}} is
 * m copies of x and m-n optional branches; {@code |} adds one; a capturing group two. The merges RE2/J makes
 * ({@code a|b} into {@code [ab]}, shared prefixes) are not modelled, so the estimate errs high, never low
 * (RegexCostTest checks it against RE2/J's own count).
 *
 * <p>It only reads the structure; syntax errors are left to RE2/J.
 */
final class RegexCost {

    /** Instructions one rule's patterns may compile to, together: every value costs up to this much per character. */
    static final int MAX_PROGRAM = 10_000;
    /** RE2/J simplifies and compiles recursively, one level per group; real patterns nest a few groups. */
    static final int MAX_GROUP_DEPTH = 100;
    /** Counts above RE2/J's own limit (1000) are errors anyway; saturating keeps the arithmetic in range. */
    private static final int MAX_COUNT = 1_000_000;
    /** The program's fail and match instructions. */
    private static final int OVERHEAD = 2;

    /**
     * What the text says about the program: its size, and whether it asserts something about what follows a
     * position ({@code $}, {@code \z}, {@code \b}, {@code \B}), which a value cut short would answer wrongly.
     */
    record Estimate(long size, boolean looksPastMatch) {
    }

    /** A pattern this engine will not compile; the message says why, for the rule author. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final String p;
    private final int n;
    private int i;
    private boolean looksPastMatch;
    private final Deque<Group> groups = new ArrayDeque<>();

    /**
     * The pieces of one group being read: finished alternatives, the current one and its last atom. Whether a
     * piece can match the empty string is tracked because RE2/J compiles the star of such a piece with one
     * instruction more.
     */
    private static final class Group {
        final boolean capturing;
        long finished;
        boolean finishedNullable;
        int bars;
        long current;
        /** Whether the atoms of the current alternative before its last one can all match empty. */
        boolean restNullable = true;
        /** Size of the last atom of the current alternative, which a repetition operator applies to; -1 if none. */
        long last = -1;
        boolean lastNullable;
        /** The counted repetitions inside the last atom, for the error message ("{1000}{1000}"). */
        String lastCounts = "";
        /** The counted repetitions of this group's largest atom. */
        String counts = "";
        long largest;

        Group(boolean capturing) {
            this.capturing = capturing;
        }

        void add(long size, boolean nullable, String atomCounts) {
            restNullable = currentNullable();
            current += size;
            last = size;
            lastNullable = nullable;
            lastCounts = atomCounts;
            if (size > largest) {
                largest = size;
                counts = atomCounts;
            }
        }

        /** Takes the last atom back out, for a repetition operator to put it back repeated. */
        void removeLast() {
            current -= last;
            last = -1;
        }

        void bar() {
            finished += Math.max(current, 1);
            finishedNullable |= currentNullable();
            bars++;
            current = 0;
            restNullable = true;
            last = -1;
            lastCounts = "";
        }

        long size() {
            return finished + Math.max(current, 1) + bars + (capturing ? 2 : 0);
        }

        boolean currentNullable() {
            return restNullable && (last < 0 || lastNullable);
        }

        boolean nullable() {
            return finishedNullable || currentNullable();
        }
    }

    private RegexCost(String pattern) {
        this.p = pattern;
        this.n = pattern.length();
    }

    static Estimate estimate(String pattern) throws TooLarge {
        return new RegexCost(pattern).run();
    }

    private Estimate run() throws TooLarge {
        groups.push(new Group(false));
        while (i < n) {
            char c = p.charAt(i);
            switch (c) {
                case '\\' -> escape();
                case '[' -> {
                    skipClass();
                    atom(1, false, "");
                }
                case '(' -> open();
                case ')' -> close();
                case '|' -> {
                    i++;
                    groups.peek().bar();
                }
                case '*', '+', '?' -> {
                    i++;
                    repeat(c == '+' ? 1 : 0, c == '?' ? 1 : -1, "");
                }
                case '{' -> counted();
                case '^', '$' -> {
                    looksPastMatch |= c == '$';
                    i++;
                    atom(1, true, "");
                }
                default -> {
                    i += Character.charCount(p.codePointAt(i));
                    atom(1, false, "");
                }
            }
        }
        // Unclosed groups are RE2/J's syntax error to report; close them to finish the estimate.
        while (groups.size() > 1) {
            Group g = groups.pop();
            atom(g.size(), g.nullable(), g.counts);
        }
        long size = groups.peek().size() + OVERHEAD;
        if (size > MAX_PROGRAM) {
            throw tooLarge(size, groups.peek().counts);
        }
        return new Estimate(size, looksPastMatch);
    }

    private void atom(long size, boolean nullable, String counts) throws TooLarge {
        Group g = groups.peek();
        g.add(size, nullable, counts);
        if (g.current > MAX_PROGRAM) {
            throw tooLarge(g.current, g.counts);
        }
    }

    private void escape() throws TooLarge {
        i++;
        if (i >= n) {
            return;
        }
        char e = p.charAt(i);
        i++;
        switch (e) {
            case 'Q' -> {
                // Quoted text: every character is an atom of its own, as RE2/J reads it.
                int end = p.indexOf("\\E", i);
                int stop = end < 0 ? n : end;
                while (i < stop) {
                    i += Character.charCount(p.codePointAt(i));
                    atom(1, false, "");
                }
                i = end < 0 ? n : end + 2;
                return;
            }
            case 'p', 'P', 'x' -> skipArgument(e);
            case 'z', 'b', 'B' -> {
                looksPastMatch = true;
                atom(1, true, "");
                return;
            }
            case 'A' -> {
                atom(1, true, "");
                return;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                for (int k = 0; k < 2 && i < n && p.charAt(i) >= '0' && p.charAt(i) <= '7'; k++) {
                    i++;
                }
            }
            default -> {
                if (Character.isHighSurrogate(e) && i < n && Character.isLowSurrogate(p.charAt(i))) {
                    i++;
                }
            }
        }
        atom(1, false, "");
    }

    /**
     * The argument of {@code \p}, {@code \P} or {@code \x}: braced ({@code \p{Greek}}, {@code \x{263a}}), else one
     * letter ({@code \pL}) or two hex digits ({@code \x41}), so that a count after it is not read inside it.
     */
    private void skipArgument(char escape) {
        if (i >= n) {
            return;
        }
        if (p.charAt(i) == '{') {
            int end = p.indexOf('}', i);
            i = end < 0 ? n : end + 1;
        } else {
            i = Math.min(n, i + (escape == 'x' ? 2 : 1));
        }
    }

    /** A character class is one instruction whatever it holds; only its end matters. */
    private void skipClass() {
        i++;
        if (i < n && p.charAt(i) == '^') {
            i++;
        }
        boolean first = true;
        while (i < n && (first || p.charAt(i) != ']')) {
            first = false;
            char c = p.charAt(i);
            if (c == '[' && i + 1 < n && p.charAt(i + 1) == ':') {
                int end = p.indexOf(":]", i + 2);
                if (end >= 0) {
                    i = end + 2;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < n) {
                char e = p.charAt(i + 1);
                i += 2;
                if (e == 'p' || e == 'P' || e == 'x') {
                    skipArgument(e);
                } else if (Character.isHighSurrogate(e) && i < n && Character.isLowSurrogate(p.charAt(i))) {
                    i++;
                }
                continue;
            }
            i += Character.charCount(p.codePointAt(i));
        }
        if (i < n) {
            i++;
        }
    }

    private void open() throws TooLarge {
        i++;
        boolean capturing = true;
        if (i < n && p.charAt(i) == '?') {
            int j = i + 1;
            while (j < n && "imsU-".indexOf(p.charAt(j)) >= 0) {
                j++;
            }
            if (j < n && p.charAt(j) == ')') {
                // Flags only, such as (?i): no group.
                i = j + 1;
                return;
            }
            if (j < n && p.charAt(j) == ':') {
                capturing = false;
                i = j + 1;
            } else {
                // (?P<name> and (?<name>: a capturing group once past the name.
                int close = p.indexOf('>', i);
                i = close < 0 ? n : close + 1;
            }
        }
        if (groups.size() > MAX_GROUP_DEPTH) {
            throw new TooLarge("regex nests groups more than " + MAX_GROUP_DEPTH + " deep");
        }
        groups.push(new Group(capturing));
    }

    private void close() throws TooLarge {
        i++;
        if (groups.size() == 1) {
            return;
        }
        Group g = groups.pop();
        atom(g.size(), g.nullable(), g.counts);
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}}; anything else is a literal brace, as in RE2/J. */
    private void counted() throws TooLarge {
        int start = i;
        int j = i + 1;
        int digits = j;
        long min = 0;
        while (j < n && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
            min = Math.min(min * 10 + (p.charAt(j) - '0'), MAX_COUNT);
            j++;
        }
        if (j == digits || j >= n) {
            literalBrace();
            return;
        }
        long max = min;
        if (p.charAt(j) == ',') {
            j++;
            if (j < n && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                max = 0;
                while (j < n && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                    max = Math.min(max * 10 + (p.charAt(j) - '0'), MAX_COUNT);
                    j++;
                }
            } else {
                max = -1;
            }
        }
        if (j >= n || p.charAt(j) != '}') {
            literalBrace();
            return;
        }
        i = j + 1;
        repeat(min, max, p.substring(start, i));
    }

    private void literalBrace() throws TooLarge {
        i++;
        atom(1, false, "");
    }

    /**
     * Repeats the last atom {@code min} to {@code max} times ({@code max} -1: unbounded), as RE2/J's simplify
     * spells it out: x{n,} is n-1 copies and x+ (x{0,} is x*), x{n,m} is n copies and m-n nested x?.
     */
    private void repeat(long min, long max, String written) throws TooLarge {
        if (i < n && p.charAt(i) == '?') {
            i++; // non-greedy: the same program
        }
        Group g = groups.peek();
        if (g.last < 0) {
            return; // nothing to repeat: RE2/J reports it
        }
        long s = g.last;
        boolean nullable = g.lastNullable;
        long size;
        if (max < 0) {
            size = min == 0 ? s + (nullable ? 2 : 1) : min * s + 1;
        } else if (max == 0) {
            size = 1;
        } else {
            size = max * s + Math.max(max - min, 0);
        }
        String counts = max > 1 || (max < 0 && min > 1) ? g.lastCounts + written : g.lastCounts;
        g.removeLast();
        if (size > MAX_PROGRAM) {
            throw tooLarge(size, counts);
        }
        atom(size, nullable || min == 0, counts);
    }

    private static TooLarge tooLarge(long size, String counts) {
        String what = counts.isEmpty() ? "it"
                : counts.indexOf('{', 1) > 0 ? "nested repetition " + counts
                : "repetition " + counts;
        return new TooLarge(String.format(Locale.ROOT, "regex too large: %s expands to about %,d states (limit %,d)",
                what, size, MAX_PROGRAM));
    }
}
