package dev.sidedoor.core.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps the bytes a parser has read since a given offset, so that a record first streamed past (screened) can be
 * parsed again into a tree when it turns out to be wanted, without reading the input twice.
 */
final class RecordingInputStream extends InputStream {

    private final InputStream in;
    private final int maxRecordBytes;
    private byte[] buf = new byte[1 << 16];
    private int len;
    /** Absolute offset (bytes read from {@code in} so far, at construction 0) of buf[0]. */
    private long base;

    RecordingInputStream(InputStream in, int maxRecordBytes) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            ensure(1);
            buf[len++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        int r = in.read(b, off, n);
        if (r > 0) {
            ensure(r);
            System.arraycopy(b, off, buf, len, r);
            len += r;
        }
        return r;
    }

    private void ensure(int more) throws IOException {
        if (len + more <= buf.length) {
            return;
        }
        if ((long) len + more > maxRecordBytes + (1L << 16)) {
            throw new RecordTooLargeException("record larger than the limit: more than " + maxRecordBytes
                    + " bytes in one record");
        }
        buf = Arrays.copyOf(buf, (int) Math.min(Math.max(buf.length * 2L, len + more), maxRecordBytes + (1L << 16)));
    }

    /** Forgets the bytes before an absolute offset. */
    void discardBefore(long offset) {
        long drop = offset - base;
        if (drop <= 0) {
            return;
        }
        if (drop >= len) {
            base += len;
            len = 0;
            return;
        }
        System.arraycopy(buf, (int) drop, buf, 0, len - (int) drop);
        len -= (int) drop;
        base = offset;
    }

    /** Whether the bytes between two absolute offsets are held. */
    boolean holds(long from, long to) {
        return from >= base && to <= base + len && from <= to;
    }

    byte[] buffer() {
        return buf;
    }

    int indexOf(long offset) {
        return (int) (offset - base);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A record too large to hold; reported like any other oversized value. */
    static final class RecordTooLargeException extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        RecordTooLargeException(String message) {
            super(message);
        }
    }
}
