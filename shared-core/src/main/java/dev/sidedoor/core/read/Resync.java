package dev.sidedoor.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * After a parse error in document mode, skips to the next line that starts a top-level value ('{' or '[' in the
 * first column), which is where the next record of JSON Lines or the next concatenated document begins.
 */
final class Resync {

    private final PushbackInputStream in;
    private long linesSkipped;

    Resync(InputStream in) {
        this.in = new PushbackInputStream(in, 1);
    }

    /** True when positioned at the start of a new top-level value; false at end of input. */
    boolean skipToNextTopLevelValue() throws IOException {
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                linesSkipped++;
                int next = in.read();
                if (next == -1) {
                    return false;
                }
                in.unread(next);
                if (next == '{' || next == '[') {
                    return true;
                }
            }
        }
        return false;
    }

    long linesSkipped() {
        return linesSkipped;
    }

    InputStream stream() {
        return in;
    }
}
