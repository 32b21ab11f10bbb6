package dev.sidedoor.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Splits a byte stream into lines without decoding it, dropping (but reporting) lines over a size limit. */
final class LineSplitter {

    private final InputStream in;
    private final int maxLine;
    private byte[] chunk = ReadBuffers.take();
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[1 << 12];
    private int length;
    private long lineNumber;
    private boolean tooLong;
    private boolean eof;

    LineSplitter(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Advances to the next line; false at end of input. */
    boolean next() throws IOException {
        if (eof) {
            return false;
        }
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    eof = true;
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int start = chunkPos;
            int nl = StringBytes.firstNewline(chunk, chunkPos, chunkLen);
            int end = nl >= 0 ? nl : chunkLen;
            append(start, end - start);
            chunkPos = nl >= 0 ? nl + 1 : chunkLen;
            if (nl >= 0) {
                break;
            }
        }
        lineNumber++;
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    private void append(int from, int n) {
        if (tooLong || n == 0) {
            return;
        }
        if ((long) length + n > maxLine) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLine, Math.max(line.length * 2, length + n)));
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    /** Gives the read buffer back; the splitter must not be used afterwards. */
    void release() {
        ReadBuffers.give(chunk);
        chunk = null;
    }

    byte[] buffer() {
        return line;
    }

    int length() {
        return length;
    }

    long lineNumber() {
        return lineNumber;
    }

    boolean tooLong() {
        return tooLong;
    }

    boolean blank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
