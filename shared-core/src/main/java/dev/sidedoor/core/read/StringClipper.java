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
    /** What later cuts on a line keep. */
    static final int LATER_KEEP_BYTES = 64 << 10;
    private static final int MARKER_MAX = MARKER_FORMAT.length() + 20;

    private final int firstKeep;
    /** What the current line's next cut keeps. */
    private int keep;
    private final byte[] inBuf = new byte[1 << 16];
    private byte[] out = new byte[(1 << 16) + MARKER_MAX + 1];
    private int outPos;
    private int outLen;
    private boolean eof;

    private boolean inString;
    private boolean escape;
    /** Hex digits still to come in a {@code \\uXXXX} escape. */
    private int hexLeft;
    private boolean dropping;
    /** Content bytes of the current string seen so far (kept or not). */
    private long seen;
    private long clips;

    /** @param keepBytes string content bytes kept before the marker */
    StringClipper(InputStream in, int keepBytes) {
        super(in);
        this.firstKeep = keepBytes;
        this.keep = keepBytes;
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
        while (outPos == outLen) {
            if (eof || !fill()) {
                return -1;
            }
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
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

    private boolean fill() throws IOException {
        int n = in.read(inBuf, 0, inBuf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        outPos = 0;
        outLen = 0;
        for (int i = 0; i < n; i++) {
            step(inBuf[i]);
        }
        return true;
    }

    private void emit(int c) {
        if (outLen == out.length) {
            out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        out[outLen++] = (byte) c;
    }

    private void step(byte b) {
        int c = b & 0xff;
        if (c == '\n') {
            inString = false;
            escape = false;
            hexLeft = 0;
            dropping = false;
            keep = firstKeep;
            emit(c);
            return;
        }
        if (!inString) {
            if (c == '"') {
                inString = true;
                seen = 0;
            }
            emit(c);
            return;
        }
        if (!escape && hexLeft == 0 && c == '"') {
            inString = false;
            if (dropping) {
                dropping = false;
                clips++;
                keep = Math.min(firstKeep, LATER_KEEP_BYTES);
                byte[] marker = String.format(java.util.Locale.ROOT, MARKER_FORMAT, seen)
                        .getBytes(StandardCharsets.US_ASCII);
                for (byte m : marker) {
                    emit(m);
                }
            }
            emit(c);
            return;
        }
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
        if (!dropping) {
            emit(c);
        }
    }
}
