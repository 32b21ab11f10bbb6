package dev.sidedoor.core.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts every JSON string value longer than a bound as the bytes stream past, so that a record padded with one huge
 * field (a 10 MB user agent) is read and evaluated rather than rejected whole, and no more than the bound of that
 * string is ever held. The cut is made on a character boundary (never inside an escape or a UTF-8 sequence) and the
 * kept text ends with {@link #MARKER_FORMAT}, which {@link #clippedLength} recognises, so a finding can say which
 * field was cut and from what size.
 *
 * <p>The first string cut on a line keeps {@code keepBytes}; later ones on the same line keep at most
 * {@link #LATER_KEEP_BYTES}, so a line padded in many fields still fits the line limit of JSON Lines input.
 *
 * <p>The scan knows only strings and escapes; it restarts at every newline (a raw newline cannot be inside a valid
 * JSON string), so a quote hidden in a comment or a broken line can misjudge at most the rest of its line, and only
 * a run of more than the bound without a quote is ever cut. Line numbers are unchanged: newlines always pass.
 */
final class StringClipper extends FilterInputStream {

    /** What ends a cut string: "...[clipped by sidedoor from 10485760 bytes]". */
    static final String MARKER_FORMAT = "...[clipped by sidedoor from %d bytes]";
    private static final Pattern MARKER = Pattern.compile("\\.\\.\\.\\[clipped by sidedoor from (\\d{1,19}) bytes]$");
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long NEWLINES = ONES * '\n';
    private static final long HIGHS = 0x8080808080808080L;
    /** Bytes {@link #words} tests at a time before it looks at the outcome. */
    private static final int BLOCK = 256;

    /** What later cuts on a line keep. */
    static final int LATER_KEEP_BYTES = 64 << 10;
    private static final int MARKER_MAX = MARKER_FORMAT.length() + 20;

    private final int firstKeep;
    /** What the current line's next cut keeps. */
    private int keep;
    /**
     * Bytes owed to the reader after a cut closed: the marker and the rest of that chunk. Made at the first cut,
     * since almost no file has one.
     */
    private byte[] out = new byte[0];
    private int outPos;
    private int outLen;
    private boolean eof;

    private boolean inString;
    private boolean escape;
    /** How many of the four hex digits of a {@code \\u} escape are still to come. */
    private int hexLeft;
    private boolean dropping;
    /** Content bytes of the current string seen so far (kept or not). */
    private long seen;
    /**
     * Where whole blocks may be tried again in the chunk being scanned: a block that held a backslash or a newline
     * is not tested again as a block, or text with an escape every few bytes (JSON inside a string, as Azure
     * request bodies are) would have each of its blocks read once per escape.
     */
    private int blocksFrom;
    private long clips;
    /** Bytes still to pass without a look: the whole input, known to be too short to hold a long string. */
    private long plainLeft;
    /** The length the input was said to have, when it is passed without a look; else -1. */
    private final long plainLength;

    /** @param keepBytes string content bytes kept before the marker */
    StringClipper(InputStream in, int keepBytes) {
        this(in, keepBytes, 0);
    }

    /**
     * @param keepBytes  string content bytes kept before the marker
     * @param plainBytes the input's exact length when it is known and no longer than {@code keepBytes} (a regular
     *                   file read up to its size at open), else 0 or -1. Such an input cannot hold a string longer
     *                   than the bound and passes unscanned. A byte beyond that length is an error (an
     *                   {@link IOException} naming both lengths), never a byte read without the scan: where a string
     *                   stands there could not be known.
     */
    StringClipper(InputStream in, int keepBytes, long plainBytes) {
        super(in);
        this.firstKeep = keepBytes;
        this.keep = keepBytes;
        this.plainLeft = plainBytes > 0 && plainBytes <= keepBytes ? plainBytes : 0;
        this.plainLength = plainLeft > 0 ? plainBytes : -1;
    }

    /** Strings cut so far (the reader runs ahead of the records it hands out). */
    long clips() {
        return clips;
    }

    /** The original length in bytes when {@code s} is a value this class cut, else -1. */
    static long clippedLength(String s) {
        if (s.length() < MARKER_FORMAT.length() || s.charAt(s.length() - 1) != ']') {
            return -1;
        }
        Matcher m = MARKER.matcher(s);
        if (!m.find()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The length of {@code s} without the marker, for a value {@link #clippedLength} recognised. */
    static int keptChars(String s) {
        Matcher m = MARKER.matcher(s);
        return m.find() ? m.start() : s.length();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (outPos < outLen) {
                int n = Math.min(len, outLen - outPos);
                System.arraycopy(out, outPos, b, off, n);
                outPos += n;
                return n;
            }
            if (eof) {
                return -1;
            }
            if (plainLength > 0) {
                if (plainLeft == 0) {
                    if (in.read() < 0) {
                        eof = true;
                        return -1;
                    }
                    throw new IOException("the input holds more than the " + plainLength + " bytes it was said to "
                            + "hold, so strings in the rest could not be checked against the "
                            + firstKeep + "-byte bound");
                }
                int n = in.read(b, off, (int) Math.min(len, plainLeft));
                if (n < 0) {
                    eof = true;
                    return -1;
                }
                plainLeft -= n;
                return n;
            }
            int n = in.read(b, off, len);
            if (n < 0) {
                eof = true;
                return -1;
            }
            int kept = inPlace(b, off, off + n);
            if (kept > 0) {
                return kept;
            }
        }
    }

    /**
     * Scans {@code b[from, to)} where it lies, moving kept bytes down over dropped ones; the common case (no cut)
     * moves nothing. When a cut string closes, the marker and the rest of the chunk go to {@link #out}.
     *
     * @return bytes kept at {@code b[from...]}
     */
    private int inPlace(byte[] b, int from, int to) {
        int w = from;
        blocksFrom = from;
        for (int i = from; i < to; i++) {
            if (w == i && !dropping && !escape && hexLeft == 0) {
                i = words(b, i, to);
                w = i;
                if (i == to) {
                    break;
                }
            }
            byte raw = b[i];
            int c = raw & 0xff;
            if (outsideString(c)) {
                b[w++] = raw;
                continue;
            }
            if (!escape && hexLeft == 0 && c == '"') {
                inString = false;
                if (dropping) {
                    outPos = 0;
                    outLen = 0;
                    closeCut();
                    emit(c);
                    for (int j = i + 1; j < to; j++) {
                        step(b[j]);
                    }
                    return w - from;
                }
                b[w++] = raw;
                continue;
            }
            if (inside(c)) {
                b[w++] = raw;
            }
        }
        return w - from;
    }

    /**
     * Passes over whole 8-byte words that hold no backslash and no newline (with no backslash, every quote opens
     * or closes a string), for as long as no string can reach the bound within the next word.
     *
     * @return where the byte-by-byte scan must take over
     */
    private int words(byte[] b, int i, int to) {
        if (keep < 16) {
            return i;
        }
        // Branch-free over the quotes: where the last one was, and the parity of how many were seen.
        long lastQuote = inString ? i - 1 - seen : i - 1;
        boolean open = inString;
        if (keep >= 2 * BLOCK && i >= blocksFrom) {
            // The common case, whole blocks with no backslash and no newline, tested with no branch per word and
            // no chain from one word to the next: only the parity of the quotes is carried, and which block held
            // the last one (its start bounds the open string from below, so the bound is judged conservatively).
            // A block that holds a backslash or a newline, or in which the open string could reach the bound, is
            // left to the word loop below, which gives the same state word by word.
            // Positions are relative to this chunk, so a quote from an earlier chunk is negative: "none" is MIN_VALUE.
            long lastBlock = Long.MIN_VALUE;
            while (i + BLOCK <= to && !(open && i + BLOCK - 1 - Math.max(lastQuote, lastBlock) >= keep)) {
                long stops = 0;
                long parity = 0;
                long any = 0;
                for (int k = i; k < i + BLOCK; k += 8) {
                    long x = (long) LONGS.get(b, k);
                    stops |= ((x ^ BACKSLASHES) - ONES | (x ^ NEWLINES) - ONES) & ~x;
                    long quotes = zeroBytes(x ^ QUOTES);
                    parity ^= quotes;
                    any |= quotes;
                }
                if ((stops & HIGHS) != 0) {
                    blocksFrom = i + BLOCK;
                    break;
                }
                lastBlock = any != 0 ? i : lastBlock;
                open ^= (Long.bitCount(parity) & 1) == 1;
                i += BLOCK;
            }
            if (lastBlock != Long.MIN_VALUE) {
                // Once per call, not per block: the exact last quote, which the bytes after it are counted from.
                for (int k = (int) lastBlock + BLOCK - 8; k >= lastBlock; k -= 8) {
                    long quotes = zeroBytes((long) LONGS.get(b, k) ^ QUOTES);
                    if (quotes != 0) {
                        lastQuote = k + ((63 - Long.numberOfLeadingZeros(quotes)) >> 3);
                        break;
                    }
                }
            }
        }
        while (i + 8 <= to) {
            if (open && i + 7 - lastQuote >= keep) {
                break; // the open string could reach the bound in this word: judged byte by byte from here
            }
            long x = (long) LONGS.get(b, i);
            if ((zeroBytes(x ^ BACKSLASHES) | zeroBytes(x ^ NEWLINES)) != 0) {
                break;
            }
            long quotes = zeroBytes(x ^ QUOTES);
            int last = (63 - Long.numberOfLeadingZeros(quotes)) >> 3; // -1 when none
            lastQuote = quotes != 0 ? i + last : lastQuote;
            open ^= (Long.bitCount(quotes) & 1) == 1;
            i += 8;
        }
        inString = open;
        seen = open ? i - 1 - lastQuote : 0;
        return i;
    }

    /** 0x80 in each byte of the result whose byte in {@code y} is zero, exactly (no borrow between bytes). */
    private static long zeroBytes(long y) {
        long t = (y & LOWS) + LOWS;
        return ~(t | y | LOWS);
    }

    /** Handles one content byte of a string; true when it is kept. */
    private boolean inside(int c) {
        if (!dropping && seen >= keep && !escape && hexLeft == 0 && (c & 0xC0) != 0x80) {
            dropping = true;
        }
        seen++;
        if (escape) {
            escape = false;
            hexLeft = c == 'u' ? 4 : 0;
        } else if (hexLeft > 0) {
            hexLeft--;
        } else if (c == '\\') {
            escape = true;
        }
        return !dropping;
    }

    private void newline() {
        inString = false;
        escape = false;
        hexLeft = 0;
        dropping = false;
        keep = firstKeep;
    }

    /** Ends a cut string's kept text with the marker (the closing quote follows). */
    private void closeCut() {
        dropping = false;
        clips++;
        keep = Math.min(firstKeep, LATER_KEEP_BYTES);
        byte[] marker = String.format(java.util.Locale.ROOT, MARKER_FORMAT, seen).getBytes(StandardCharsets.US_ASCII);
        for (byte m : marker) {
            emit(m);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        byte[] tmp = new byte[8192];
        while (skipped < n) {
            int r = read(tmp, 0, (int) Math.min(tmp.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return outLen - outPos;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void emit(int c) {
        if (outLen == out.length) {
            out = java.util.Arrays.copyOf(out, Math.max((1 << 16) + MARKER_MAX + 1, out.length * 2));
        }
        out[outLen++] = (byte) c;
    }

    /**
     * A byte outside any string, or a line break (which ends a broken one): the state moves on (a quote opens a
     * string) and the byte is kept as it is. False for a byte inside a string, which {@link #inside} judges.
     */
    private boolean outsideString(int c) {
        if (inString && c != '\n') {
            return false;
        }
        if (c == '"') {
            inString = true;
            seen = 0;
        } else if (c == '\n') {
            newline();
        }
        return true;
    }

    /** {@link #inPlace} for the rest of a chunk after a cut closed: into {@link #out}. */
    private void step(byte b) {
        int c = b & 0xff;
        if (outsideString(c)) {
            emit(c);
            return;
        }
        if (!escape && hexLeft == 0 && c == '"') {
            inString = false;
            if (dropping) {
                closeCut();
            }
            emit(c);
            return;
        }
        if (inside(c)) {
            emit(c);
        }
    }
}
