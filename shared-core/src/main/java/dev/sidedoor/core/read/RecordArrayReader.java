package dev.sidedoor.core.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The fast path for the high-volume shapes: a CloudTrail S3 log file {@code {"Records":[...]}}, an Azure export
 * {@code {"records":[...]}} and a top-level array. Each element is delimited by a byte loop that tracks strings and
 * nesting, its top-level fields are read by {@link TopLevelScan}, and only the elements the screen wants are
 * parsed (and fully validated) by Jackson. A broken element costs only itself when its end can still be found.
 */
final class RecordArrayReader {

    enum Shape { NONE, ARRAY, WRAPPED }

    private static final int PEEK = 64;

    private final InputStream in;
    private final String source;
    private final LogReader.Counting sink;
    private final RecordScreen screen;
    private final TopLevelScan scan;
    private final JsonTrees trees;
    private final Unwrapper unwrapper;
    private final int maxRecordBytes;
    private final int maxDepth;
    private final int maxRead;

    private byte[] buf = ReadBuffers.take();
    private int pos;
    private int limit;
    /** Start of the element being read (kept in the buffer), or -1. */
    private int mark = -1;
    private long line = 1;
    private boolean tooLarge;
    /** A decompression failure met while reading, rethrown once everything before it has been read. */
    private IOException pending;

    /** {@code compressed}: reads are kept small, so that a cut .gz loses as little as possible when it fails. */
    RecordArrayReader(InputStream in, boolean compressed, String source, LogReader.Counting sink, RecordScreen screen,
            TopLevelScan scan, JsonTrees trees, Unwrapper unwrapper, int maxRecordBytes, int maxDepth) {
        this.in = in;
        this.maxRead = compressed ? 8192 : Integer.MAX_VALUE;
        this.source = source;
        this.sink = sink;
        this.screen = screen;
        this.scan = scan;
        this.trees = trees;
        this.unwrapper = unwrapper;
        this.maxRecordBytes = maxRecordBytes;
        this.maxDepth = maxDepth;
    }

    /** Looks at the first bytes (and resets the stream) to see whether the fast path applies. */
    static Shape detect(BufferedInputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        for (byte b : head) {
            if (b == 0) {
                return Shape.NONE; // UTF-16 or UTF-32: Jackson detects the encoding, the byte loop does not
            }
        }
        int i = TopLevelScan.ws(head, 0, head.length);
        if (i < head.length && head[i] == '[') {
            return Shape.ARRAY;
        }
        if (i >= head.length || head[i] != '{') {
            return Shape.NONE;
        }
        i = TopLevelScan.ws(head, i + 1, head.length);
        for (String key : new String[] {"\"Records\"", "\"records\"", "\"Events\"", "\"entries\"", "\"value\""}) {
            if (startsWith(head, i, key)) {
                int j = TopLevelScan.ws(head, i + key.length(), head.length);
                if (j < head.length && head[j] == ':') {
                    j = TopLevelScan.ws(head, j + 1, head.length);
                    if (j < head.length && head[j] == '[') {
                        return Shape.WRAPPED;
                    }
                }
            }
        }
        return Shape.NONE;
    }

    private static boolean startsWith(byte[] b, int i, String s) {
        if (i + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[i + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the whole array. Returns what follows the array (and its wrapper) for the caller to read as further
     * documents, with {@link #linesBefore()} lines already consumed, or null when the input ended.
     */
    InputStream run(Shape shape) throws IOException {
        InputStream rest = readArray(shape);
        if (pending != null) {
            throw pending;
        }
        return rest;
    }

    private InputStream readArray(Shape shape) throws IOException {
        if (shape == Shape.WRAPPED) {
            expect('{');
            skipString();
            expect(':');
        }
        expect('[');
        while (true) {
            if (sink.abandoned()) {
                return null;
            }
            int c = peekNonSpace();
            if (c < 0) {
                reject(line, "truncated", "truncated JSON: the records array is not closed");
                return null;
            }
            if (c == ']') {
                pos++;
                break;
            }
            if (c == '{') {
                if (!element()) {
                    return null;
                }
            } else {
                long at = line;
                skipScalarOrContainer();
                reject(at, "not-an-object", "expected a JSON object in the array");
            }
            c = peekNonSpace();
            if (c == ',') {
                pos++;
            } else if (c == '{') {
                // A missing comma between two records: say so, and read the next record anyway.
                reject(line, "malformed-json", "malformed JSON: expected ',' between records");
            } else if (c != ']') {
                reject(line, "malformed-json", "malformed JSON: expected ',' or ']' between records");
                return rest();
            }
        }
        if (shape == Shape.WRAPPED && !finishWrapper()) {
            return rest();
        }
        int c = peekNonSpace();
        return c < 0 ? null : rest();
    }

    /** Gives the buffer back once the array and whatever {@link #rest} returned have been read. */
    void release() {
        ReadBuffers.give(buf);
        buf = null;
    }

    long linesBefore() {
        return line - 1;
    }

    /** Reads one object element; false when the input ended inside it. */
    private boolean element() throws IOException {
        long startLine = line;
        mark = pos;
        TopLevelFields fields;
        while (true) {
            try {
                fields = scan.scanPrefix(buf, mark, limit);
                pos = scan.end();
                line += scan.newlines();
                break;
            } catch (TopLevelScan.NeedMore more) {
                if (limit - mark >= maxRecordBytes) {
                    return skipBroken(startLine, "too-large",
                            "record larger than the limit: more than " + maxRecordBytes + " bytes");
                }
                // Read at least as much again before rescanning, so a large record costs linear time; a record
                // that fits the buffer only fills it (asking for 64 KB more grew every buffer on its first refill).
                int want = Math.min(maxRecordBytes, Math.max(2 * (limit - mark), buf.length));
                boolean more2 = true;
                while (more2 && limit - mark < want) {
                    pos = limit;
                    more2 = fill();
                }
                if (!more2 && limit - mark < want) {
                    try {
                        fields = scan.scanPrefix(buf, mark, limit);
                        pos = scan.end();
                        line += scan.newlines();
                        break;
                    } catch (TopLevelScan.NeedMore | TopLevelScan.Malformed stillShort) {
                        sink.rejected(new Rejection(source, sink.nextPosition(startLine, 0).toString(), "truncated",
                                "truncated JSON: the input ends inside this record"));
                        mark = -1;
                        return false;
                    }
                }
            } catch (TopLevelScan.Malformed m) {
                if (m.getMessage().startsWith("nested deeper")) {
                    return skipBroken(lineOf(mark, m.offset, startLine), "too-deep", m.getMessage());
                }
                // Delimit the record by its brackets and let Jackson judge it: it accepts what published samples
                // carry (comments, trailing commas) and words its own errors precisely.
                sink.lenient(startLine);
                return judgeInFull(startLine);
            }
        }
        int start = mark;
        int end = pos;
        mark = -1;
        String why = fields.undecidable() ? null : screen.passOver(fields);
        if (why != null) {
            RecordScreen.tell(why, sink.nextIndex(), startLine, sink);
            return true;
        }
        Position position = sink.nextPosition(startLine, 0);
        JsonNode node;
        try {
            node = trees.parse(buf, start, end - start);
        } catch (JsonProcessingException e) {
            reportJackson(position, startLine, e);
            return true;
        }
        unwrapper.dispatch(node, position, source, sink);
        return true;
    }

    /** A record the quick scan could not read: parsed by Jackson, kept if Jackson accepts it. */
    private boolean judgeInFull(long startLine) throws IOException {
        int start = mark;
        pos = mark;
        line = startLine;
        tooLarge = false;
        int outcome = findEnd();
        if (outcome == TRUNCATED) {
            sink.rejected(new Rejection(source, sink.nextPosition(startLine, 0).toString(), "truncated",
                    "truncated JSON: the input ends inside this record"));
            mark = -1;
            return false;
        }
        if (tooLarge || mark < 0) {
            sink.rejected(new Rejection(source, sink.nextPosition(startLine, 0).toString(), "too-large",
                    "record larger than the limit: more than " + maxRecordBytes + " bytes"));
            mark = -1;
            return true;
        }
        start = mark;
        int end = pos;
        mark = -1;
        Position position = sink.nextPosition(startLine, 0);
        try {
            unwrapper.dispatch(trees.parse(buf, start, end - start), position, source, sink);
        } catch (JsonProcessingException e) {
            reportJackson(position, startLine, e);
        }
        return true;
    }

    private void reportJackson(Position position, long startLine, JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation loc = e.getLocation();
        Position at = loc == null ? position
                : new Position(position.index(), startLine + Math.max(1, loc.getLineNr()) - 1,
                        loc.getLineNr() <= 1 ? 0 : loc.getColumnNr(), "");
        sink.rejected(new Rejection(source, at.toString(), LogReader.kindOf(e), LogReader.describe(e)));
    }

    /**
     * Reports a record that cannot be read and finds where it ends by its brackets alone, so the records after it
     * are still read; false when the input ends first.
     */
    private boolean skipBroken(long atLine, String kind, String detail) throws IOException {
        sink.rejected(new Rejection(source, sink.nextPosition(atLine, 0).toString(), kind, detail));
        pos = mark;
        mark = -1;
        return findEnd() != TRUNCATED;
    }

    private long lineOf(int start, int offset, long startLine) {
        long l = startLine;
        for (int k = start; k < offset && k < buf.length; k++) {
            if (buf[k] == '\n') {
                l++;
            }
        }
        return l;
    }

    private static final int OK = 0;
    private static final int TRUNCATED = 1;
    private static final int TOO_DEEP = 2;

    /** Advances past the object or array at {@code pos}, keeping its bytes from {@code mark}. */
    private int findEnd() throws IOException {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean deep = false;
        // Openers by depth, so that a stray closer of the wrong kind cannot end the record early.
        byte[] openers = new byte[64];
        // Comments, which Jackson accepts, are skipped so that a quote or bracket inside one cannot mislead.
        int comment = 0; // 0 none, 1 after '/', 2 block, 3 block after '*', 4 line
        while (true) {
            if (pos == limit && !fill()) {
                return TRUNCATED;
            }
            byte[] b = buf;
            int p = pos;
            int lim = limit;
            while (p < lim) {
                byte c = b[p++];
                if (comment != 0) {
                    switch (comment) {
                        case 1 -> comment = c == '*' ? 2 : c == '/' ? 4 : 0;
                        case 2 -> comment = c == '*' ? 3 : 2;
                        case 3 -> comment = c == '/' ? 0 : c == '*' ? 3 : 2;
                        default -> comment = c == '\n' ? 0 : 4;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    if (comment != 0 || c == '/' || c == '\n') {
                        continue;
                    }
                }
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                    } else if (c == '\n') {
                        line++;
                    }
                    continue;
                }
                switch (c) {
                    case '/' -> comment = 1;
                    case '"' -> inString = true;
                    case '{', '[' -> {
                        if (depth == openers.length) {
                            openers = Arrays.copyOf(openers, depth * 2);
                        }
                        openers[depth++] = c;
                        if (depth > maxDepth) {
                            deep = true;
                        }
                    }
                    case '}', ']' -> {
                        byte opener = c == '}' ? (byte) '{' : (byte) '[';
                        int k = depth - 1;
                        while (k >= 0 && openers[k] != opener) {
                            k--;
                        }
                        if (k < 0) {
                            continue;
                        }
                        depth = k;
                        if (depth == 0) {
                            pos = p;
                            return deep ? TOO_DEEP : OK;
                        }
                    }
                    case '\n' -> line++;
                    default -> { }
                }
            }
            pos = p;
        }
    }

    /** Refills the buffer, keeping the current element; false at end of input. */
    private boolean fill() throws IOException {
        int keep = mark >= 0 ? mark : pos;
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, limit - keep);
            limit -= keep;
            pos -= keep;
            if (mark >= 0) {
                mark -= keep;
            }
        }
        if (limit == buf.length) {
            if (buf.length >= maxRecordBytes) {
                // Too large to keep: finish reading it without holding it, and report it.
                tooLarge = true;
                mark = -1;
                pos = 0;
                limit = 0;
            } else {
                buf = Arrays.copyOf(buf, Math.min(maxRecordBytes, buf.length * 2));
            }
        }
        if (pending != null) {
            return false;
        }
        int n;
        try {
            // A decompressor that fails mid-read loses what that read inflated: keep its reads modest.
            n = in.read(buf, limit, Math.min(buf.length - limit, maxRead));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            // A cut or corrupt .gz: finish what was decompressed, then report the damage.
            pending = e;
            return false;
        }
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private int peekNonSpace() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                return -1;
            }
            byte c = buf[pos];
            if (c == '\n') {
                line++;
            } else if (c == '/' && skipComment()) {
                sink.lenient(line);
                continue;
            } else if (c != ' ' && c != '\r' && c != '\t') {
                return c & 0xff;
            }
            pos++;
        }
    }

    /** At a '/': skips a comment between records and returns true, or returns false when it is not one. */
    private boolean skipComment() throws IOException {
        if (pos + 1 >= limit) {
            int keepMark = mark;
            mark = pos;
            boolean more = fill();
            mark = keepMark;
            if (!more || pos + 1 >= limit) {
                return false;
            }
        }
        byte kind = buf[pos + 1];
        if (kind != '*' && kind != '/') {
            return false;
        }
        pos += 2;
        byte prev = 0;
        while (true) {
            if (pos == limit && !fill()) {
                return true;
            }
            byte c = buf[pos++];
            if (c == '\n') {
                line++;
                if (kind == '/') {
                    return true;
                }
            }
            if (kind == '*' && prev == '*' && c == '/') {
                return true;
            }
            prev = c;
        }
    }

    private void expect(char c) throws IOException {
        if (peekNonSpace() != c) {
            throw new IllegalStateException("expected '" + c + "' (checked by detect)");
        }
        pos++;
    }

    private void skipString() throws IOException {
        expect('"');
        boolean escaped = false;
        while (true) {
            if (pos == limit && !fill()) {
                return;
            }
            byte c = buf[pos++];
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                return;
            }
        }
    }

    private void skipScalarOrContainer() throws IOException {
        int c = peekNonSpace();
        if (c == '{' || c == '[') {
            findEnd();
        } else if (c == '"') {
            skipString();
        } else {
            while (true) {
                if (pos == limit && !fill()) {
                    return;
                }
                byte d = buf[pos];
                if (d == ',' || d == ']' || d == '}' || d == ' ' || d == '\n' || d == '\r' || d == '\t') {
                    return;
                }
                pos++;
            }
        }
    }

    /** After the records array of a wrapper: other fields, then the closing brace. */
    private boolean finishWrapper() throws IOException {
        while (true) {
            int c = peekNonSpace();
            if (c == '}') {
                pos++;
                return true;
            }
            if (c != ',') {
                reject(line, "malformed-json", "malformed JSON: expected ',' or '}' after the records array");
                return false;
            }
            pos++;
            if (peekNonSpace() != '"') {
                reject(line, "malformed-json", "malformed JSON: expected a field name");
                return false;
            }
            skipString();
            if (peekNonSpace() != ':') {
                reject(line, "malformed-json", "malformed JSON: expected ':'");
                return false;
            }
            pos++;
            skipScalarOrContainer();
        }
    }

    private void reject(long atLine, String kind, String detail) {
        sink.rejected(new Rejection(source, sink.nextPosition(atLine, 0).toString(), kind, detail));
    }

    private InputStream rest() {
        return Resync.of(Arrays.copyOfRange(buf, pos, limit), in);
    }
}
