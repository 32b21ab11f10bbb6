package dev.sidedoor.core.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Streams audit records out of any of the shapes sidedoor accepts: a bare record, JSON Lines, a top-level array,
 * a CloudTrail S3 log file {@code {"Records":[...]}} (plain or gzip), an Azure export {@code {"records":[...]}},
 * {@code aws cloudtrail lookup-events} output, EventBridge envelopes and GCP LogEntries.
 *
 * <p>Wrapper arrays are never held in memory: each element is read into a tree on its own, so a 1 GB file needs
 * the heap of its largest record. One bad record is reported and reading resumes at the next record: in JSON Lines
 * at the next line, in a pretty-printed document at the next line that starts a new top-level value.
 *
 * <p>Thread-safe: one instance may read many inputs concurrently.
 */
public final class LogReader {

    /** Top-level keys whose array value holds records rather than being a record field. */
    public static final Set<String> WRAPPER_KEYS = Set.of("Records", "records", "Events", "entries", "value");

    private static final int SNIFF_BYTES = 8192;
    private static final int MAX_LEADING_FAILURES = 20;
    /** Largest single record held for re-parsing after screening; real records are under 1 MB. */
    static final int MAX_RECORD_BYTES = 64 << 20;

    private final ReadLimits limits;
    private final JsonFactory factory;
    private final JsonTrees trees;
    private final Unwrapper unwrapper;

    public LogReader() {
        this(ReadLimits.DEFAULT);
    }

    LogReader(ReadLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringChars())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNumberLength(1000)
                        .maxNameLength(10_000)
                        .build())
                // Published samples carry trailing commas and comments; accepting them loses nothing.
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                // The reader owns the stream's lifetime; a parser dropped after an error must not close it.
                .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
        this.trees = new JsonTrees(factory);
        this.unwrapper = new Unwrapper(trees, limits);
    }

    /** The tree builder used for records, with this reader's limits; for JSON embedded in records. */
    public JsonTrees trees() {
        return trees;
    }

    /** Unwraps one already-parsed value (an EventBridge event, a lookup-events item...) into the sink. */
    public void readTree(JsonNode value, String source, RecordSink sink) {
        unwrapper.dispatch(value, new Position(1, 0, 0, ""), source, sink);
    }

    /**
     * Reads every record of one input. Never throws for bad content: that is reported to the sink. Throws only
     * when the input itself cannot be read (I/O error).
     */
    public void read(InputStream input, String source, RecordSink sink) throws IOException {
        read(input, source, sink, RecordScreen.ALL);
    }

    /**
     * Reads every record of one input, building only the records the screen wants; the others are reported with
     * {@link RecordSink#passedOver}. Never throws for bad content.
     */
    public void read(InputStream input, String source, RecordSink sink, RecordScreen screen) throws IOException {
        read(input, source, sink, screen, -1);
    }

    /**
     * {@link #read(InputStream, String, RecordSink, RecordScreen)} of an input whose length is known when it is
     * opened ({@code knownLength}, or -1): exactly how many bytes {@code input} delivers, as for a regular file read
     * up to its size at open. An uncompressed input no longer than the clipping bound cannot hold a longer string,
     * so it is not scanned for one. A byte beyond the length ends the read with an error (the records before it
     * are kept): deliver exactly that many bytes, or pass -1.
     */
    public void read(InputStream input, String source, RecordSink sink, RecordScreen screen, long knownLength)
            throws IOException {
        // An input held whole in memory (a function's event or batch) has a known length as well. Only a plain
        // ByteArrayInputStream is trusted for it; other streams' available() may say less than what is to come.
        long length = knownLength >= 0 || input.getClass() != java.io.ByteArrayInputStream.class ? knownLength
                : input.available();
        ReadBuffers.Stream raw = new ReadBuffers.Stream(input);
        ReadBuffers.Stream clipped = null;
        byte[] head = ReadBuffers.take();
        try {
            BufferedInputStream in = decompressIfGzip(raw, source);
            boolean compressed = in != raw;
            in.mark(SNIFF_BYTES);
            int sniffed = in.readNBytes(head, 0, SNIFF_BYTES);
            in.reset();
            String binary = BinarySniffer.describeIfBinary(head, sniffed);
            ReadBuffers.give(head);
            head = null;
            if (binary != null) {
                sink.rejected(new Rejection(source, "file", "binary", "not a JSON log: " + binary));
                return;
            }
            // Strings longer than the bound are cut as they stream past, so one padded field costs neither the
            // record nor memory; the marker they end with tells the sink which fields were cut.
            StringClipper clipper = new StringClipper(in, clipBytes(), compressed ? -1 : length);
            clipped = new ReadBuffers.Stream(clipper);
            read(clipped, compressed, clipper, source, sink, screen);
        } finally {
            ReadBuffers.give(head);
            if (clipped != null) {
                clipped.release();
            }
            raw.release();
        }
    }

    private void read(BufferedInputStream in, boolean compressed, StringClipper clipper, String source, RecordSink sink,
            RecordScreen screen) throws IOException {
        Counting counting = new Counting(sink, clipper);
        RecordArrayReader.Shape shape = screen == RecordScreen.ALL ? RecordArrayReader.Shape.NONE
                : RecordArrayReader.detect(in);
        if (shape != RecordArrayReader.Shape.WRAPPED && LineModeDetector.looksLikeJsonLines(in, factory, limits)) {
            new LineReader(in, source, counting, screen).run();
            return;
        }
        if (shape == RecordArrayReader.Shape.NONE) {
            readDocuments(in, source, counting, screen, 0);
            return;
        }
        TopLevelScan scan = TopLevelScan.take(screen.fields(), limits.maxNestingDepth());
        RecordArrayReader array = new RecordArrayReader(in, compressed, source, counting, screen, scan, trees,
                unwrapper, MAX_RECORD_BYTES, limits.maxNestingDepth());
        try {
            InputStream rest = array.run(shape);
            if (rest != null && !counting.abandoned()) {
                readDocuments(rest, source, counting, screen, array.linesBefore());
            }
        } finally {
            array.release();
            TopLevelScan.give(scan);
        }
    }

    /**
     * Longest string kept whole: half the string limit (4 MB by default), so that a line holding one cut string
     * and the rest of its record stays within the line limit; the marker fits in the other half.
     */
    int clipBytes() {
        return Math.max(64, Math.min(limits.maxStringChars(), limits.maxLineBytes()) / 2);
    }

    private static BufferedInputStream decompressIfGzip(BufferedInputStream in, String source) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            // A small buffer over the inflater: when a cut .gz fails, the read that fails loses at most this much.
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 8192);
        }
        return in;
    }

    /** Document mode: one parser over the stream, re-created after an error at the next top-level value. */
    private void readDocuments(InputStream in, String source, Counting sink, RecordScreen screen, long firstLineBase)
            throws IOException {
        InputStream current = in;
        long lineBase = firstLineBase;
        while (true) {
            RecordingInputStream recorder = new RecordingInputStream(current, MAX_RECORD_BYTES);
            JsonParser parser = factory.createParser(recorder);
            Reading reading = new Reading(parser, source, sink, lineBase, screen, recorder);
            try {
                JsonToken t;
                while ((t = parser.nextToken()) != null) {
                    reading.rootValue(t);
                    if (sink.abandoned()) {
                        return;
                    }
                }
                return;
            } catch (JsonProcessingException e) {
                JsonLocation loc = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                long line = lineBase + Math.max(1, loc.getLineNr());
                Position failed = reading.inProgress != null
                        ? new Position(reading.inProgress.index(), line, loc.getColumnNr(), "")
                        : sink.nextPosition(line, loc.getColumnNr());
                sink.rejected(new Rejection(source, failed.toString(),
                        kindOf(e), describe(e)));
                if (sink.abandoned()) {
                    return;
                }
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                parser.releaseBuffered(rest);
                Resync resync = Resync.of(rest.toByteArray(), current);
                if (!resync.skipToNextTopLevelValue()) {
                    return;
                }
                lineBase = line - 1 + resync.linesSkipped();
                current = resync;
            } finally {
                parser.close();
            }
        }
    }

    /** One parser's pass over top-level values; streams wrapper arrays element by element. */
    private final class Reading {
        private final JsonParser p;
        private final String source;
        private final Counting sink;
        private final long lineBase;
        private final RecordScreen screen;
        /** Null when the input is already in memory (a JSON Lines line) or offsets are not byte offsets. */
        private final RecordingInputStream recorder;
        /** The record being read when parsing fails, so the error names it rather than a new number. */
        Position inProgress;
        /** Filled again for each screened element. */
        private TopLevelFields fields;

        Reading(JsonParser p, String source, Counting sink, long lineBase, RecordScreen screen,
                RecordingInputStream recorder) {
            this.p = p;
            this.source = source;
            this.sink = sink;
            this.lineBase = lineBase;
            this.screen = screen;
            this.recorder = recorder;
        }

        /** Handles a top-level value whose first token has been read. */
        void rootValue(JsonToken first) throws IOException {
            if (first == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    element(t, lineBase + p.currentTokenLocation().getLineNr());
                }
            } else if (first == JsonToken.START_OBJECT) {
                long line = lineBase + p.currentTokenLocation().getLineNr();
                ObjectNode collected = JsonNodeFactory.instance.objectNode();
                boolean wrapper = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken valueToken = p.nextToken();
                    forgetBefore(p.currentTokenLocation().getByteOffset());
                    if (valueToken == JsonToken.START_ARRAY && WRAPPER_KEYS.contains(name)
                            && !collected.has("eventName") && !collected.has("operationName")
                            && !collected.has("protoPayload")) {
                        wrapper = true;
                        JsonToken t;
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                            element(t, lineBase + p.currentTokenLocation().getLineNr());
                        }
                    } else {
                        collected.set(name, trees.read(p));
                    }
                }
                if (!wrapper) {
                    unwrapper.dispatch(collected, sink.nextPosition(line, 0), source, sink);
                }
            } else {
                p.skipChildren();
                sink.rejected(new Rejection(source, sink.nextPosition(lineBase + p.currentTokenLocation().getLineNr(), 0).toString(),
                        "not-an-object", "expected a JSON object or array of objects, found " + describe(first)));
            }
        }

        private void element(JsonToken t, long line) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                sink.rejected(new Rejection(source, sink.nextPosition(line, 0).toString(), "not-an-object",
                        "expected a JSON object in the array, found " + describe(t)));
                return;
            }
            long start = p.currentTokenLocation().getByteOffset();
            if (recorder != null && start >= 0) {
                recorder.discardBefore(start);
            }
            if (screen == RecordScreen.ALL || recorder == null || start < 0) {
                unwrapper.dispatch(trees.read(p), sink.nextPosition(line, 0), source, sink);
                return;
            }
            recorder.discardBefore(start);
            Position position = sink.nextPosition(line, 0);
            inProgress = position;
            if (fields == null) {
                fields = TopLevelFields.forParser(screen.fields());
            }
            fields.readFrom(p);
            inProgress = null;
            String why = screen.passOver(fields);
            if (why != null) {
                RecordScreen.tell(why, position.index(), position.line(), sink);
                return;
            }
            long end = p.currentLocation().getByteOffset();
            if (!recorder.holds(start, end)) {
                throw new IllegalStateException("record bytes not held: " + start + ".." + end);
            }
            JsonNode node = trees.parse(recorder.buffer(), recorder.indexOf(start), (int) (end - start));
            unwrapper.dispatch(node, position, source, sink);
        }

        private void forgetBefore(long offset) {
            if (recorder != null && offset >= 0) {
                recorder.discardBefore(offset);
            }
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    static String kindOf(JsonProcessingException e) {
        if (e instanceof RecordingInputStream.RecordTooLargeException) {
            return "too-large";
        }
        if (e instanceof StreamConstraintsException) {
            String m = String.valueOf(e.getOriginalMessage());
            return m.contains("nesting depth") ? "too-deep" : "too-large";
        }
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("UTF-8") || m.contains("UTF8")) {
            return "invalid-utf8";
        }
        if (m.contains("end-of-input")) {
            return "truncated";
        }
        return "malformed-json";
    }

    static String describe(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (e instanceof RecordingInputStream.RecordTooLargeException) {
            return m;
        }
        if (e instanceof StreamConstraintsException) {
            if (m.contains("nesting depth")) {
                return "nested deeper than the limit: " + firstSentence(m);
            }
            return "value larger than the limit: " + firstSentence(m);
        }
        if (m.contains("end-of-input")) {
            return "truncated JSON: " + firstSentence(m);
        }
        return "malformed JSON: " + firstSentence(m);
    }

    private static String firstSentence(String m) {
        int nl = m.indexOf('\n');
        String s = nl >= 0 ? m.substring(0, nl) : m;
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Reads JSON Lines one line at a time, so a bad line never costs its neighbours. */
    private final class LineReader {
        private final InputStream in;
        private final String source;
        private final Counting sink;

        private final RecordScreen screen;
        private final TopLevelScan lineScan;

        LineReader(InputStream in, String source, Counting sink, RecordScreen screen) {
            this.in = in;
            this.source = source;
            this.sink = sink;
            this.screen = screen;
            this.lineScan = screen == RecordScreen.ALL ? null
                    : TopLevelScan.take(screen.fields(), limits.maxNestingDepth());
        }

        void run() throws IOException {
            LineSplitter lines = new LineSplitter(in, limits.maxLineBytes());
            try {
                while (lines.next()) {
                    long lineNr = lines.lineNumber();
                    if (lines.tooLong()) {
                        sink.rejected(new Rejection(source, sink.nextPosition(lineNr, 0).toString(), "too-large",
                                "record larger than the limit: line longer than " + limits.maxLineBytes()
                                        + " bytes; skipped"));
                    } else if (!lines.blank()) {
                        parseLine(lines.buffer(), lines.length(), lineNr);
                    }
                    if (sink.abandoned()) {
                        return;
                    }
                }
            } finally {
                lines.release();
                TopLevelScan.give(lineScan);
            }
        }

        private void parseLine(byte[] buf, int len, long lineNr) throws IOException {
            try {
                String why = lineScan == null ? null : screenedOut(buf, len, lineScan, screen);
                if (why != null) {
                    // Numbered like every other record, so origins stay lines.
                    RecordScreen.tell(why, sink.nextIndex(), lineNr, sink);
                    return;
                }
                try (JsonParser p = factory.createParser(buf, 0, len)) {
                    Reading reading = new Reading(p, source, sink, lineNr - 1, screen, null);
                    JsonToken t;
                    while ((t = p.nextToken()) != null) {
                        reading.rootValue(t);
                    }
                }
            } catch (JsonProcessingException e) {
                JsonLocation loc = e.getLocation();
                sink.rejected(new Rejection(source,
                        sink.nextPosition(lineNr, loc == null ? 0 : loc.getColumnNr()).toString(), kindOf(e), describe(e)));
            }
        }
    }

    /**
     * Null, or what {@link RecordScreen#passOver} says of a line holding exactly one well-formed object; anything
     * else (including a malformed line, so that Jackson reports it precisely) is parsed in full.
     */
    private String screenedOut(byte[] buf, int len, TopLevelScan scan, RecordScreen screen) {
        try {
            TopLevelFields fields = scan.scan(buf, 0, len);
            return fields.undecidable() ? null : screen.passOver(fields);
        } catch (TopLevelScan.Malformed notAnObjectOrBroken) {
            return null;
        }
    }

    /** Numbers records per input and gives up on inputs that are plainly not logs. */
    static final class Counting implements RecordSink {
        private final RecordSink delegate;
        private long index;
        private long good;
        private long bad;
        private boolean abandoned;
        private String source = "";

        private final StringClipper clipper;
        /** Cut strings already attributed to a record. */
        private long clipsNoted;

        Counting(RecordSink delegate) {
            this(delegate, null);
        }

        Counting(RecordSink delegate, StringClipper clipper) {
            this.delegate = delegate;
            this.clipper = clipper;
        }

        /** Numbers the next record without making a {@link Position}, for one that is not built. */
        long nextIndex() {
            return ++index;
        }

        Position nextPosition(long line, int column) {
            index++;
            return new Position(index, Math.max(0, line), Math.max(0, column), "");
        }

        boolean abandoned() {
            return abandoned;
        }

        @Override
        public void record(Position position, JsonNode record) {
            good++;
            if (clipper != null && clipper.clips() > clipsNoted) {
                // Rare: only while a cut string is still to be handed out is a record searched for markers.
                java.util.List<String> notes = ClippedFields.find(record);
                if (!notes.isEmpty()) {
                    clipsNoted += notes.size();
                    delegate.clipped(position, notes);
                }
            }
            delegate.record(position, record);
        }

        @Override
        public void rejected(Rejection rejection) {
            bad++;
            source = rejection.source();
            delegate.rejected(rejection);
            if (good == 0 && bad >= MAX_LEADING_FAILURES && !abandoned) {
                abandoned = true;
                delegate.rejected(new Rejection(source, "file", "unreadable",
                        "gave up after the first " + bad + " records all failed to parse; is this a JSON log?"));
            }
        }

        @Override
        public void skipped(String reason) {
            good++;
            delegate.skipped(reason);
        }

        @Override
        public void passedOver(long index, long line) {
            good++;
            delegate.passedOver(index, line);
        }

        @Override
        public void lenient(long line) {
            delegate.lenient(line);
        }
    }
}
