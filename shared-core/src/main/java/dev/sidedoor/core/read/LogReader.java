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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
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
    static final Set<String> WRAPPER_KEYS = Set.of("Records", "records", "Events", "entries", "value");

    private static final int SNIFF_BYTES = 8192;
    private static final int MAX_LEADING_FAILURES = 20;

    private final ReadLimits limits;
    private final JsonFactory factory;
    private final ObjectMapper mapper;
    private final Unwrapper unwrapper;

    public LogReader() {
        this(ReadLimits.DEFAULT);
    }

    public LogReader(ReadLimits limits) {
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
        this.mapper = new ObjectMapper(factory);
        this.unwrapper = new Unwrapper(mapper, limits);
    }

    /** The Jackson mapper used for records, configured with this reader's limits. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Unwraps one already-parsed value (an EventBridge event, a lookup-events item...) into the sink. */
    public void readTree(JsonNode value, String source, RecordSink sink) {
        unwrapper.dispatch(value, "record 1", source, sink);
    }

    /**
     * Reads every record of one input. Never throws for bad content: that is reported to the sink. Throws only
     * when the input itself cannot be read (I/O error).
     */
    public void read(InputStream input, String source, RecordSink sink) throws IOException {
        BufferedInputStream in = decompressIfGzip(new BufferedInputStream(input, 1 << 16), source);
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        String binary = BinarySniffer.describeIfBinary(head);
        if (binary != null) {
            sink.rejected(new Rejection(source, "file", "binary", "not a JSON log: " + binary));
            return;
        }
        Counting counting = new Counting(sink);
        if (LineModeDetector.looksLikeJsonLines(in, factory, limits)) {
            new LineReader(in, source, counting).run();
        } else {
            readDocuments(in, source, counting);
        }
    }

    private static BufferedInputStream decompressIfGzip(BufferedInputStream in, String source) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    /** Document mode: one parser over the stream, re-created after an error at the next top-level value. */
    private void readDocuments(InputStream in, String source, Counting sink) throws IOException {
        InputStream current = in;
        long lineBase = 0;
        while (true) {
            JsonParser parser = factory.createParser(current);
            try {
                JsonToken t;
                while ((t = parser.nextToken()) != null) {
                    readRootValue(parser, t, source, sink, lineBase);
                    if (sink.abandoned()) {
                        return;
                    }
                }
                return;
            } catch (JsonProcessingException e) {
                JsonLocation loc = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                long line = lineBase + Math.max(1, loc.getLineNr());
                sink.rejected(new Rejection(source, sink.nextPosition(line, loc.getColumnNr()),
                        kindOf(e), describe(e)));
                if (sink.abandoned()) {
                    return;
                }
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                parser.releaseBuffered(rest);
                Resync resync = new Resync(new SequenceInputStream(
                        new ByteArrayInputStream(rest.toByteArray()), current));
                if (!resync.skipToNextTopLevelValue()) {
                    return;
                }
                lineBase = line - 1 + resync.linesSkipped();
                current = resync.stream();
            } finally {
                parser.close();
            }
        }
    }

    /** Handles a top-level value whose first token has been read, streaming wrapper arrays element by element. */
    void readRootValue(JsonParser p, JsonToken first, String source, Counting sink, long lineBase) throws IOException {
        if (first == JsonToken.START_ARRAY) {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                long line = lineBase + p.currentTokenLocation().getLineNr();
                readElement(p, t, source, sink, line);
            }
        } else if (first == JsonToken.START_OBJECT) {
            long line = lineBase + p.currentTokenLocation().getLineNr();
            ObjectNode collected = JsonNodeFactory.instance.objectNode();
            boolean wrapper = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken valueToken = p.nextToken();
                if (valueToken == JsonToken.START_ARRAY && WRAPPER_KEYS.contains(name) && !collected.has("eventName")
                        && !collected.has("operationName") && !collected.has("protoPayload")) {
                    wrapper = true;
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        readElement(p, t, source, sink, lineBase + p.currentTokenLocation().getLineNr());
                    }
                } else {
                    collected.set(name, p.readValueAsTree());
                }
            }
            if (!wrapper) {
                unwrapper.dispatch(collected, sink.nextPosition(line, 0), source, sink);
            }
        } else {
            p.skipChildren();
            sink.rejected(new Rejection(source, sink.nextPosition(lineBase + p.currentTokenLocation().getLineNr(), 0),
                    "not-an-object", "expected a JSON object or array of objects, found " + describe(first)));
        }
    }

    private void readElement(JsonParser p, JsonToken t, String source, Counting sink, long line) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            JsonNode node = p.readValueAsTree();
            unwrapper.dispatch(node, sink.nextPosition(line, 0), source, sink);
        } else {
            p.skipChildren();
            sink.rejected(new Rejection(source, sink.nextPosition(line, 0), "not-an-object",
                    "expected a JSON object in the array, found " + describe(t)));
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

        LineReader(InputStream in, String source, Counting sink) {
            this.in = in;
            this.source = source;
            this.sink = sink;
        }

        void run() throws IOException {
            LineSplitter lines = new LineSplitter(in, limits.maxLineBytes());
            while (lines.next()) {
                long lineNr = lines.lineNumber();
                if (lines.tooLong()) {
                    sink.rejected(new Rejection(source, sink.nextPosition(lineNr, 0), "too-large",
                            "record larger than the limit: line longer than " + limits.maxLineBytes() + " bytes; skipped"));
                } else if (!lines.blank()) {
                    parseLine(lines.buffer(), lines.length(), lineNr);
                }
                if (sink.abandoned()) {
                    return;
                }
            }
        }

        private void parseLine(byte[] buf, int len, long lineNr) throws IOException {
            try (JsonParser p = factory.createParser(buf, 0, len)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    readRootValue(p, t, source, sink, lineNr - 1);
                }
            } catch (JsonProcessingException e) {
                JsonLocation loc = e.getLocation();
                sink.rejected(new Rejection(source,
                        sink.nextPosition(lineNr, loc == null ? 0 : loc.getColumnNr()), kindOf(e), describe(e)));
            }
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

        Counting(RecordSink delegate) {
            this.delegate = delegate;
        }

        String nextPosition(long line, int column) {
            index++;
            return "record " + index + (line > 0 ? " (line " + line + (column > 0 ? ", column " + column : "") + ")" : "");
        }

        boolean abandoned() {
            return abandoned;
        }

        @Override
        public void record(String position, JsonNode record) {
            good++;
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
    }
}
