package dev.sidedoor.core.read;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads a record's top-level fields straight from its bytes, checking its structure (strings, nesting, commas
 * and colons) but not building or decoding anything nested. This is what lets sidedoor pass over the great
 * majority of records, which no rule can match, at the speed of a byte loop.
 *
 * <p>It is deliberately conservative: whenever a top-level key or a kept value uses escapes or non-ASCII
 * bytes, or a scalar looks odd, the fields are marked undecidable and the record is built and validated in full
 * by Jackson. A record that the screen wants is always parsed by Jackson, so leniency here never changes what
 * is detected.
 */
final class TopLevelScan {

    private final FieldLayout layout;
    private final int maxDepth;
    /** Slots of the kept names by length: most keys are ruled out by their length alone. */
    private final int[][] byLength;
    /**
     * Each kept name's first eight bytes (zero above its end) and, when longer than eight, its last eight, as
     * {@link StringBytes#LONGS} reads them: a key of the same length is then ruled in or out by one or two word
     * compares (many keys share a length and a prefix: eventName, eventTime, eventType).
     */
    private final long[] heads;
    private final long[] tails;
    /** Filled again for every record: what {@link #scanPrefix} returns is valid until the next scan. */
    private final TopLevelFields fields;
    /** Openers by depth for {@link #containerEnd}: one per scanner rather than one per nested value. */
    private byte[] stack;
    /** Where the last {@link #scanPrefix} ended, and how many line breaks it passed. Not thread-safe. */
    private int lastEnd;
    private int lastNewlines;

    /**
     * Scanners kept per thread from one input to the next, as {@link ReadBuffers} keeps buffers: a scan of many
     * small files otherwise builds one per file and decodes the same eventSource and eventName values again in each.
     */
    private static final ThreadLocal<java.util.ArrayDeque<TopLevelScan>> FREE =
            ThreadLocal.withInitial(java.util.ArrayDeque::new);
    private static final int KEPT = 4;

    /** A scanner for {@code wantedFields}: one this thread gave back, or a new one. */
    static TopLevelScan take(Set<String> wantedFields, int maxDepth) {
        FieldLayout layout = FieldLayout.of(wantedFields);
        java.util.ArrayDeque<TopLevelScan> free = FREE.get();
        for (java.util.Iterator<TopLevelScan> it = free.iterator(); it.hasNext();) {
            TopLevelScan s = it.next();
            if (s.layout == layout && s.maxDepth == maxDepth) {
                it.remove();
                return s;
            }
        }
        return new TopLevelScan(wantedFields, maxDepth);
    }

    /** Only once nothing uses {@code s} any more; it forgets the last record's bytes. */
    static void give(TopLevelScan s) {
        if (s == null) {
            return;
        }
        s.fields.reset(null);
        java.util.ArrayDeque<TopLevelScan> free = FREE.get();
        if (free.size() < KEPT) {
            free.addFirst(s);
        }
    }

    TopLevelScan(Set<String> wantedFields, int maxDepth) {
        this.layout = FieldLayout.of(wantedFields);
        this.fields = new TopLevelFields(layout, new TextCache());
        this.maxDepth = maxDepth;
        this.stack = new byte[Math.max(1, Math.min(maxDepth, 64))];
        int longest = 0;
        for (int i = 0; i < layout.size(); i++) {
            longest = Math.max(longest, layout.utf8(i).length);
        }
        this.byLength = new int[longest + 1][];
        for (int len = 0; len <= longest; len++) {
            int count = 0;
            for (int i = 0; i < layout.size(); i++) {
                count += layout.utf8(i).length == len ? 1 : 0;
            }
            int[] idx = new int[count];
            int k = 0;
            for (int i = 0; i < layout.size(); i++) {
                if (layout.utf8(i).length == len) {
                    idx[k++] = i;
                }
            }
            byLength[len] = idx;
        }
        this.heads = new long[layout.size()];
        this.tails = new long[layout.size()];
        for (int i = 0; i < layout.size(); i++) {
            byte[] name = layout.utf8(i);
            byte[] padded = java.util.Arrays.copyOf(name, Math.max(8, name.length));
            heads[i] = head(padded, 0, name.length);
            tails[i] = name.length > 8 ? (long) StringBytes.LONGS.get(name, name.length - 8) : 0;
        }
    }

    /** The first {@code min(len, 8)} bytes at {@code b[from]} as a word, zero above them; needs 8 bytes there. */
    private static long head(byte[] b, int from, int len) {
        long x = (long) StringBytes.LONGS.get(b, from);
        return len >= 8 ? x : x & ((1L << (len << 3)) - 1);
    }

    /** Thrown for bytes that are not a well-formed JSON object; {@code offset} is where it went wrong. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        Malformed(int offset, String reason) {
            super(reason, null, false, false);
            this.offset = offset;
        }
    }

    /** Thrown by {@link #scanPrefix} when the object runs past the bytes available. */
    static final class NeedMore extends Exception {
        private static final long serialVersionUID = 1L;
        static final NeedMore INSTANCE = new NeedMore();

        private NeedMore() {
            super(null, null, false, false);
        }
    }

    /**
     * Scans the object in {@code b[start, end)} (which must hold exactly one object, optionally surrounded by
     * whitespace) and returns its kept top-level fields.
     */
    TopLevelFields scan(byte[] b, int start, int end) throws Malformed {
        try {
            TopLevelFields f = scanPrefix(b, start, end);
            int j = ws(b, lastEnd, end);
            if (j != end) {
                throw new Malformed(j, "unexpected content after the object");
            }
            return f;
        } catch (NeedMore e) {
            throw new Malformed(end, "truncated object");
        }
    }

    /** Index just past the object read by the last {@link #scanPrefix}. */
    int end() {
        return lastEnd;
    }

    /** Line breaks passed by the last {@link #scanPrefix}. */
    int newlines() {
        return lastNewlines;
    }

    /**
     * Scans the object starting at {@code b[start]}; the bytes after it are not looked at. Throws
     * {@link NeedMore} when {@code end} comes first.
     */
    TopLevelFields scanPrefix(byte[] b, int start, int end) throws Malformed, NeedMore {
        lastNewlines = 0;
        TopLevelFields out = fields;
        out.reset(b);
        int i = wsLines(b, start, end);
        if (i >= end) {
            throw NeedMore.INSTANCE;
        }
        if (b[i] != '{') {
            throw new Malformed(i, "expected a JSON object");
        }
        i = wsLines(b, i + 1, end);
        if (i < end && b[i] == '}') {
            lastEnd = i + 1;
            return out;
        }
        while (true) {
            if (i >= end) {
                throw NeedMore.INSTANCE;
            }
            if (b[i] != '"') {
                throw new Malformed(i, "expected a field name");
            }
            int keyStart = i + 1;
            int keyEnd = keyEnd(b, keyStart, end);
            boolean escapedKey = this.keyEscaped;
            i = wsLines(b, keyEnd + 1, end);
            if (i >= end) {
                throw NeedMore.INSTANCE;
            }
            if (b[i] != ':') {
                throw new Malformed(i, "expected ':' after a field name");
            }
            i = wsLines(b, i + 1, end);
            int valueStart = i;
            i = skipValue(b, i, end);
            if (escapedKey) {
                out.markUndecidable();
            } else {
                int w = wantedIndex(b, keyStart, keyEnd);
                if (w >= 0) {
                    capture(out, w, b, valueStart, i);
                }
            }
            i = wsLines(b, i, end);
            if (i >= end) {
                throw NeedMore.INSTANCE;
            }
            if (b[i] == ',') {
                i = wsLines(b, i + 1, end);
            } else if (b[i] == '}') {
                lastEnd = i + 1;
                return out;
            } else {
                throw new Malformed(i, "expected ',' or '}'");
            }
        }
    }

    private int wantedIndex(byte[] b, int from, int to) {
        int len = to - from;
        if (len >= byLength.length) {
            return -1;
        }
        int[] slots = byLength[len];
        if (slots.length == 0) {
            return -1;
        }
        if (from + 8 > b.length) {
            return wantedIndexByBytes(slots, b, from, len);
        }
        long head = head(b, from, len);
        long tail = len > 8 ? (long) StringBytes.LONGS.get(b, to - 8) : 0;
        for (int w : slots) {
            // The two words cover names up to 16 bytes; a longer one is confirmed byte for byte.
            if (heads[w] == head && tails[w] == tail
                    && (len <= 16 || java.util.Arrays.equals(layout.utf8(w), 8, len - 8, b, from + 8, to - 8))) {
                return w;
            }
        }
        return -1;
    }

    /** {@link #wantedIndex} for a key too near the end of the bytes to read a word at its start. */
    private int wantedIndexByBytes(int[] slots, byte[] b, int from, int len) {
        outer:
        for (int w : slots) {
            byte[] name = layout.utf8(w);
            for (int k = 0; k < len; k++) {
                if (name[k] != b[from + k]) {
                    continue outer;
                }
            }
            return w;
        }
        return -1;
    }

    /** Notes a kept field's value in {@code b[from, to)}, which {@link #skipValue} has already checked. */
    private static void capture(TopLevelFields out, int slot, byte[] b, int from, int to) {
        byte c = b[from];
        if (c == '{' || c == '[') {
            out.container(slot);
            return;
        }
        if (c == '"') {
            int s = from + 1;
            int e = to - 1;
            for (int k = s; k < e; k++) {
                // Signed: non-ASCII bytes are below 0x20 too, and such a value is judged in full.
                if (b[k] == '\\' || b[k] < 0x20) {
                    out.markUndecidable();
                    return;
                }
            }
            out.string(slot, s, e);
            return;
        }
        switch (c) {
            case 't' -> out.literal(slot, TopLevelFields.TRUE);
            case 'f' -> out.literal(slot, TopLevelFields.FALSE);
            case 'n' -> out.literal(slot, TopLevelFields.NULL);
            default -> {
                // Integers as Jackson builds them; anything else (fractions, exponents) is judged in full, so
                // the text a rule compares against is the same as in the full tree.
                long v = integer(b, from, to);
                if (v == NOT_A_LONG) {
                    out.markUndecidable();
                } else {
                    out.number(slot, v);
                }
            }
        }
    }

    /** Marks what {@link #integer} cannot read; Long.MIN_VALUE itself is then read the slow way. */
    private static final long NOT_A_LONG = Long.MIN_VALUE;

    /**
     * The value of the JSON number in {@code b[from, to)} when it is an integer that fits a long (what
     * {@link Long#parseLong} accepts), else {@link #NOT_A_LONG}.
     */
    static long integer(byte[] b, int from, int to) {
        boolean negative = b[from] == '-';
        int i = negative ? from + 1 : from;
        if (to - i > 18) {
            // Up to 18 digits cannot overflow; longer ones are rare enough to go through a String.
            try {
                long v = Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
                return v == NOT_A_LONG ? NOT_A_LONG : v;
            } catch (NumberFormatException e) {
                return NOT_A_LONG;
            }
        }
        if (i == to) {
            return NOT_A_LONG;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_LONG;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /** Index just past the value starting at {@code i}. */
    private int skipValue(byte[] b, int i, int end) throws Malformed, NeedMore {
        if (i >= end) {
            throw NeedMore.INSTANCE;
        }
        byte c = b[i];
        if (c == '"') {
            return stringEnd(b, i + 1, end) + 1;
        }
        if (c == '{' || c == '[') {
            return containerEnd(b, i, end);
        }
        int j = i;
        while (true) {
            if (j >= end) {
                throw NeedMore.INSTANCE;
            }
            byte d = b[j];
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\r' || d == '\t') {
                break;
            }
            if (!(d == '-' || d == '+' || d == '.' || (d >= '0' && d <= '9') || (d >= 'a' && d <= 'z')
                    || (d >= 'A' && d <= 'Z'))) {
                throw new Malformed(j, "unexpected character in a value");
            }
            j++;
        }
        if (j == i) {
            throw new Malformed(i, "a value is missing");
        }
        if (!isLiteralOrNumber(b, i, j)) {
            throw new Malformed(i, "not a JSON value");
        }
        return j;
    }

    private static final byte[] TRUE_BYTES = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE_BYTES = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL_BYTES = {'n', 'u', 'l', 'l'};

    /** true, false, null, or a number in JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    static boolean isLiteralOrNumber(byte[] b, int from, int to) {
        int n = to - from;
        byte c = b[from];
        if (c == 't' || c == 'f' || c == 'n') {
            byte[] lit = n == 4 ? (c == 't' ? TRUE_BYTES : NULL_BYTES) : n == 5 ? FALSE_BYTES : null;
            if (lit == null) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                if (b[from + k] != lit[k]) {
                    return false;
                }
            }
            return true;
        }
        int i = from;
        if (b[i] == '-') {
            i++;
        }
        if (i >= to) {
            return false;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        } else {
            return false;
        }
        if (i < to && b[i] == '.') {
            i++;
            int digits = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int digits = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        return i == to;
    }

    /** Index of the closing quote of a string whose content starts at {@code i}. */
    static int stringEnd(byte[] b, int i, int end) throws NeedMore, Malformed {
        while (true) {
            // Most strings are short and end on a branch no predictor can learn: eight bytes per step cut the
            // number of such branches, and the byte loop only finishes what is left.
            i = StringBytes.firstSpecial(b, i, end);
            if (i >= end) {
                throw NeedMore.INSTANCE;
            }
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c != '\\') {
                throw new Malformed(i, "control character in a string");
            }
            i += 2;
        }
    }

    /** Set by {@link #keyEnd}: the key had an escape or a non-ASCII byte, so it is not compared raw. */
    boolean keyEscaped;

    /**
     * {@link #stringEnd} for field names, noting escapes and non-ASCII bytes on the way ({@link #keyEscaped}). Eight
     * bytes at a time: the word's special bytes as in {@link StringBytes#special}, its non-ASCII ones by their high
     * bit. A control byte in a name is passed over, as Jackson reports it when the record is built.
     */
    int keyEnd(byte[] b, int i, int end) throws NeedMore {
        boolean odd = false;
        while (true) {
            // To the next quote, backslash or control byte, noting non-ASCII bytes on the way.
            while (true) {
                if (i + 8 <= end) {
                    long x = (long) StringBytes.LONGS.get(b, i);
                    long m = StringBytes.special(x);
                    int k = m == 0 ? 8 : StringBytes.firstMarked(m);
                    // Bytes 0x80 and up are never marked special: their high bits before the mark are the non-ASCII.
                    odd |= (x & StringBytes.HIGHS & (k == 8 ? -1L : (1L << (k << 3)) - 1)) != 0;
                    i += k;
                    if (k < 8) {
                        break;
                    }
                } else if (i >= end) {
                    throw NeedMore.INSTANCE;
                } else if (b[i] == '"' || b[i] == '\\' || (b[i] >= 0 && b[i] < 0x20)) {
                    break;
                } else {
                    odd |= b[i] < 0;
                    i++;
                }
            }
            if (b[i] == '"') {
                keyEscaped = odd;
                return i;
            }
            if (b[i] == '\\') {
                odd = true;
                i += 2;
            } else {
                i++;
            }
        }
    }

    /** Index just past the object or array opening at {@code i}, checking that brackets pair up. */
    private int containerEnd(byte[] b, int i, int end) throws Malformed, NeedMore {
        byte[] stack = this.stack;
        int depth = 0;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                i = stringEnd(b, i + 1, end) + 1;
                continue;
            }
            if (c == '/') {
                // A comment (which Jackson accepts) may hide quotes or brackets: let Jackson read this record.
                throw new Malformed(i, "comment inside a record");
            }
            if (c == '{' || c == '[') {
                if (depth + 1 >= maxDepth) {
                    throw new Malformed(i, "nested deeper than the limit of " + maxDepth);
                }
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, Math.min(maxDepth, stack.length * 2));
                    this.stack = stack;
                }
                stack[depth++] = c;
            } else if (c == '}' || c == ']') {
                if (depth == 0 || stack[depth - 1] != (c == '}' ? (byte) '{' : (byte) '[')) {
                    throw new Malformed(i, "mismatched '" + (char) c + "'");
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == '\n') {
                lastNewlines++;
            }
            i++;
        }
        throw NeedMore.INSTANCE;
    }

    static int ws(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }

    /** {@link #ws} that counts the line breaks it passes. */
    private int wsLines(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c == '\n') {
                lastNewlines++;
            } else if (c != ' ' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
