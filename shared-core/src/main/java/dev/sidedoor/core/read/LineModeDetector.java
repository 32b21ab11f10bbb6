package dev.sidedoor.core.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;

/**
 * Decides whether an input is JSON Lines (one record per line, read line by line so a bad line costs only itself)
 * or a document (pretty-printed, a top-level array, or a one-line S3 log file, streamed by one parser).
 */
final class LineModeDetector {

    /** JSON Lines records are short; a first line longer than this is read as a document, which works too. */
    private static final int PEEK = 1 << 16;
    private static final int LINES_TO_TRY = 3;

    private LineModeDetector() {
    }

    static boolean looksLikeJsonLines(BufferedInputStream in, JsonFactory factory, ReadLimits limits) throws IOException {
        // The first bytes go to a reused buffer: this is asked of every file that is not a wrapped array.
        byte[] head = ReadBuffers.take();
        try {
            in.mark(PEEK + 1);
            int n = in.readNBytes(head, 0, PEEK);
            in.reset();
            return looksLikeJsonLines(head, n, factory);
        } finally {
            ReadBuffers.give(head);
        }
    }

    private static boolean looksLikeJsonLines(byte[] head, int n, JsonFactory factory) {
        int first = TopLevelScan.ws(head, 0, n);
        if (first < n && head[first] == '[') {
            return false;
        }
        int start = 0;
        int tried = 0;
        while (start < n && tried < LINES_TO_TRY) {
            int nl = indexOf(head, (byte) '\n', start, n);
            if (nl < 0) {
                return false;
            }
            int end = nl;
            if (!isBlank(head, start, end)) {
                tried++;
                if (isCompleteRecordLine(head, start, end - start, factory)) {
                    return true;
                }
            }
            start = nl + 1;
        }
        return false;
    }

    /** A line holding one whole JSON object that is a record, not a wrapper of records. */
    private static boolean isCompleteRecordLine(byte[] buf, int off, int len, JsonFactory factory) {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    return false;
                }
                if (depth == 1 && t == JsonToken.FIELD_NAME && LogReader.WRAPPER_KEYS.contains(p.currentName())) {
                    if (p.nextToken() == JsonToken.START_ARRAY) {
                        return false;
                    }
                    p.skipChildren();
                    continue;
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
            // "{...}," is an element of a one-record-per-line array, not a JSON Lines record.
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static int indexOf(byte[] b, byte v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
