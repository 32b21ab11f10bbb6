package dev.sidedoor.core.read;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Whether {@link LogReader} reads a stream that starts with these bytes as JSON Lines. A file is cut into byte
 * ranges scanned side by side only where both the whole file and each range are read line by line: then each line
 * is read the same way whichever range holds it, and only the numbering has to be carried over.
 *
 * <p>Stricter than the reader on purpose: a false "no" only costs a split point, a false "yes" could change a
 * finding. So the head must start with '{' on its first byte (no blank line, BOM or gzip magic before it), not
 * look binary, not start a {@code {"Records":[...]}} wrapper, and pass the reader's own line-mode test.
 */
public final class JsonLinesHead {

    /** Bytes the reader looks at before it chooses a mode; give at least this many when the input has them. */
    public static final int BYTES = (1 << 16) + 1;

    private JsonLinesHead() {
    }

    /** @param head the first {@link #BYTES} bytes of the stream, or all of it when shorter */
    public static boolean readsAsJsonLines(LogReader reader, byte[] head) {
        if (head.length == 0 || head[0] != '{') {
            return false;
        }
        for (byte b : head) {
            if (b == 0) {
                return false; // UTF-16 or UTF-32: Jackson detects the encoding, a newline search does not
            }
        }
        if (BinarySniffer.describeIfBinary(Arrays.copyOf(head, Math.min(head.length, 8192))) != null) {
            return false;
        }
        try {
            BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(head), head.length + 1);
            if (RecordArrayReader.detect(in) == RecordArrayReader.Shape.WRAPPED) {
                return false;
            }
            return LineModeDetector.looksLikeJsonLines(in, reader.trees().factory(), ReadLimits.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown: the bytes are in memory
        }
    }
}
