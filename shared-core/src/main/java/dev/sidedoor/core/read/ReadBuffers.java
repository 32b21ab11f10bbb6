package dev.sidedoor.core.read;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * The 64 KB buffers a reading thread uses for every file (stream buffers, the record array's buffer), kept from one
 * file to the next: a scan of many small files otherwise allocates several of them per file. A buffer is taken for
 * one {@link LogReader#read} and given back when it returns; a nested read on the same thread simply takes others.
 */
final class ReadBuffers {

    static final int SIZE = 1 << 16;
    /** A read uses three; a little more covers a nested read. */
    private static final int KEPT = 6;
    private static final ThreadLocal<ArrayDeque<byte[]>> FREE = ThreadLocal.withInitial(ArrayDeque::new);

    private ReadBuffers() {
    }

    static byte[] take() {
        byte[] b = FREE.get().pollFirst();
        return b != null ? b : new byte[SIZE];
    }

    /** Only once nothing reads from {@code b} any more. Buffers that grew are dropped. */
    static void give(byte[] b) {
        ArrayDeque<byte[]> free = FREE.get();
        if (b != null && b.length == SIZE && free.size() < KEPT) {
            free.addFirst(b);
        }
    }

    /** A {@link BufferedInputStream} over a taken buffer (which it may still replace by a larger one for a mark). */
    static final class Stream extends BufferedInputStream {
        private final byte[] taken;

        Stream(InputStream in) {
            super(in, 1);
            this.taken = take();
            this.buf = taken;
        }

        /** Gives the buffer back; the stream must not be read afterwards. */
        void release() {
            give(taken);
        }
    }
}
