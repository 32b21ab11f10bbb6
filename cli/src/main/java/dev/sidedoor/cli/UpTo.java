package dev.sidedoor.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file read up to the size it had when the scan opened it, and no further: the reader is told that length, which
 * spares a small file the scan for over-long strings, and must then get exactly that many bytes. What a writer
 * appends meanwhile is left for the next scan ({@link ScanCommand} says so).
 */
final class UpTo extends FilterInputStream {

    private long left;

    UpTo(InputStream in, long length) {
        super(in);
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return len == 0 ? 0 : -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Once read to its length: whether the file holds more (it grew, or its size was reported short). */
    boolean moreBeyond() throws IOException {
        return left <= 0 && super.read() >= 0;
    }
}
