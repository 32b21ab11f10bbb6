package dev.sidedoor.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts bytes read from disk (before decompression), for MB/s and the progress line. */
final class CountingInputStream extends FilterInputStream {
    private final AtomicLong shared;
    private long count;

    CountingInputStream(InputStream in, AtomicLong shared) {
        super(in);
        this.shared = shared;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
            shared.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            shared.addAndGet(n);
        }
        return n;
    }

    long count() {
        return count;
    }
}
