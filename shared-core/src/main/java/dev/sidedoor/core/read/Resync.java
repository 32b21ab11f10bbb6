package dev.sidedoor.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * After a parse error in document mode, skips to the next line that starts a top-level value ('{' or '[' in the
 * first column), which is where the next record of JSON Lines or the next concatenated document begins.
 *
 * <p>The bytes the failed parser had read ahead are put back in front of the rest of the input without stacking
 * one more wrapper per error: thousands of errors in one file still read through a single stream.
 */
final class Resync extends InputStream {

    private final InputStream base;
    private byte[] prefix;
    private int prefixPos;
    private long linesSkipped;

    private Resync(byte[] prefix, InputStream base) {
        this.prefix = prefix;
        this.base = base;
    }

    /** Puts {@code readAhead} back in front of {@code rest}, unwrapping an earlier Resync instead of nesting. */
    static Resync of(byte[] readAhead, InputStream rest) {
        if (rest instanceof Resync r) {
            int remaining = r.prefix.length - r.prefixPos;
            byte[] joined = Arrays.copyOf(readAhead, readAhead.length + remaining);
            System.arraycopy(r.prefix, r.prefixPos, joined, readAhead.length, remaining);
            return new Resync(joined, r.base);
        }
        return new Resync(readAhead, rest);
    }

    /** True when positioned at the start of a new top-level value; false at end of input. */
    boolean skipToNextTopLevelValue() throws IOException {
        int b;
        while ((b = read()) != -1) {
            if (b == '\n') {
                linesSkipped++;
                int next = read();
                if (next == -1) {
                    return false;
                }
                unread(next);
                if (next == '{' || next == '[') {
                    return true;
                }
            }
        }
        return false;
    }

    private void unread(int b) {
        if (prefixPos > 0) {
            prefix[--prefixPos] = (byte) b;
        } else {
            byte[] p = new byte[prefix.length - prefixPos + 1];
            p[0] = (byte) b;
            System.arraycopy(prefix, prefixPos, p, 1, prefix.length - prefixPos);
            prefix = p;
            prefixPos = 0;
        }
    }

    long linesSkipped() {
        return linesSkipped;
    }

    @Override
    public int read() throws IOException {
        if (prefixPos < prefix.length) {
            return prefix[prefixPos++] & 0xff;
        }
        return base.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (prefixPos < prefix.length) {
            int n = Math.min(len, prefix.length - prefixPos);
            System.arraycopy(prefix, prefixPos, b, off, n);
            prefixPos += n;
            return n;
        }
        return base.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        base.close();
    }
}
