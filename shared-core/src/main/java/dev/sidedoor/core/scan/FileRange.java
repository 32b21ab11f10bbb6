package dev.sidedoor.core.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bytes {@code [start, end)} of a file, each counted as read (the progress line and the summary's MB); a read
 * after {@code cancelled} turns true fails, so that a range whose pass was abandoned stops promptly.
 */
final class FileRange extends InputStream {

    private final FileChannel channel;
    private final long end;
    private final AtomicLong shared;
    private final AtomicLong local;
    private final BooleanSupplier cancelled;
    private long pos;

    FileRange(FileChannel channel, long start, long end, AtomicLong shared, AtomicLong local,
            BooleanSupplier cancelled) {
        this.channel = channel;
        this.pos = start;
        this.end = end;
        this.shared = shared;
        this.local = local;
        this.cancelled = cancelled;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (cancelled.getAsBoolean()) {
            throw new IOException("range scan abandoned");
        }
        if (len == 0) {
            return 0;
        }
        long left = end - pos;
        if (left <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), pos);
        if (n <= 0) {
            return -1;
        }
        pos += n;
        shared.addAndGet(n);
        local.addAndGet(n);
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
