package dev.sidedoor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gzip inflated on another thread than the one that scans: the inflated text flows through a bounded queue of
 * chunks ({@value #CHUNKS} of {@value #CHUNK} bytes at most), so a big .gz uses two cores and little memory.
 *
 * <p>The helper is a pool task like any other, and no thread ever waits for one that has not started: until it
 * starts, the scanning thread inflates for itself; once it has, the scanning thread hands the inflater over at its
 * next read, between two reads, and takes chunks from then on. When the pool is busy with other files the pipe
 * costs nothing.
 */
final class InflatingPipe extends InputStream {

    static final int CHUNK = 1 << 16;
    static final int CHUNKS = 16;

    private static final int INLINE = 0;
    private static final int OFFERED = 1;
    private static final int PIPED = 2;
    private static final int CLOSED = 3;
    private static final Object END = new Object();

    private final InputStream inflating;
    private final AtomicInteger state = new AtomicInteger(INLINE);
    private final CountDownLatch handed = new CountDownLatch(1);
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS);
    private byte[] current;
    private int pos;
    private boolean ended;
    /** The inflater failed (cut or corrupt data): how much was read before may differ from a one-thread read. */
    private volatile boolean failed;
    /** Guarded by this: the helper has stopped touching the inflater. */
    private boolean producerDone;

    /**
     * @param inflating a stream of inflated bytes ({@code GZIPInputStream}); read by one thread at a time
     * @param prefix    inflated bytes already read from it, delivered first
     */
    InflatingPipe(InputStream inflating, byte[] prefix, Executor pool) {
        this.inflating = inflating;
        this.current = prefix;
        pool.execute(this::produce);
    }

    /** Whether the inflater failed: the caller then reads the file again without the pipe, to be exact. */
    boolean failed() {
        return failed;
    }

    private void produce() {
        if (!state.compareAndSet(INLINE, OFFERED)) {
            return;
        }
        try {
            handed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (state.get() != PIPED) {
            return;
        }
        try {
            while (true) {
                byte[] b = new byte[CHUNK];
                int n = inflating.read(b, 0, CHUNK);
                if (n < 0) {
                    put(END);
                    return;
                }
                if (n > 0 && !put(n == CHUNK ? b : Arrays.copyOf(b, n))) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            put(e);
        } finally {
            synchronized (this) {
                producerDone = true;
                if (state.get() == CLOSED) {
                    closeQuietly();
                }
            }
        }
    }

    /** False when the reader has gone away. */
    private boolean put(Object o) {
        try {
            while (!queue.offer(o, 50, TimeUnit.MILLISECONDS)) {
                if (state.get() == CLOSED) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // a read of at least one byte returns at least one byte or -1
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (current != null && pos < current.length) {
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
        if (ended) {
            return -1;
        }
        if (state.get() == OFFERED && state.compareAndSet(OFFERED, PIPED)) {
            handed.countDown();
        }
        if (state.get() != PIPED) {
            try {
                return inflating.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for inflated data");
        }
        if (o == END) {
            ended = true;
            return -1;
        }
        if (o instanceof IOException e) {
            ended = true;
            throw e;
        }
        if (o instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        current = (byte[]) o;
        pos = 0;
        return read(b, off, len);
    }

    @Override
    public void close() {
        int was = state.getAndSet(CLOSED);
        handed.countDown();
        synchronized (this) {
            // Piped: the helper closes the inflater when it stops, as it may be inside a read of it now.
            if (was != PIPED || producerDone) {
                closeQuietly();
            }
        }
    }

    private void closeQuietly() {
        try {
            inflating.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }
}
