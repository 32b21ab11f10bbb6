package dev.sidedoor.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.correlation.Correlations;
import dev.sidedoor.core.detect.Detector;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.event.Normalizer;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.FindingMerger;
import dev.sidedoor.core.finding.LogIns;
import dev.sidedoor.core.finding.OperationOutcomes;
import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.read.Position;
import dev.sidedoor.core.read.RecordScreen;
import dev.sidedoor.core.read.RecordSink;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Sources;
import dev.sidedoor.core.tuning.Tuning;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The detection pipeline every front end shares (CLI, Lambda, Azure Function): read, normalise, detect, merge,
 * tune. Build one at start-up; it is immutable and thread-safe, and each {@link #scan} call is independent.
 */
public final class Engine {

    static final int MAX_REJECTIONS_KEPT = 100;
    static final String UNRECOGNISED = "unrecognised record (no log source sidedoor reads recognises it: "
            + Sources.BUILT_IN.all().stream().map(dev.sidedoor.core.source.Source::name)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")";

    private final LogReader reader;
    private final Normalizer normalizer;
    private final Detector detector;
    private final Correlations correlations;
    private final Tuning tuning;
    private final Clock clock;
    private final RecordScreen screen;
    private final boolean fullCommandText;
    /** Findings carry the record they came from as read ({@code scan --include-raw}). */
    private final boolean includeRaw;

    public Engine(List<SigmaRule> rules, Tuning tuning, Clock clock) {
        this(rules, tuning, clock, false);
    }

    /**
     * @param fullCommandText keep passwords, keys and tokens in command and script text; by default each is replaced
     *                        by a hash marker before any finding is made ({@link dev.sidedoor.core.finding.Secrets})
     */
    public Engine(List<SigmaRule> rules, Tuning tuning, Clock clock, boolean fullCommandText) {
        this(rules, Correlations.NONE, tuning, clock, fullCommandText);
    }

    /**
     * @param correlations linked correlation rules: the findings of the rules they refer to carry the fields they
     *                     group by; evaluating them over a scan's findings is {@link Correlations#evaluate}
     */
    public Engine(List<SigmaRule> rules, Correlations correlations, Tuning tuning, Clock clock,
            boolean fullCommandText) {
        this(new LogReader(), rules, correlations, tuning, clock, fullCommandText, Sources.BUILT_IN);
    }

    private Engine(LogReader reader, List<SigmaRule> rules, Correlations correlations, Tuning tuning, Clock clock,
            boolean fullCommandText, Sources sources) {
        this.reader = reader;
        this.normalizer = new Normalizer(reader.trees(), sources);
        this.detector = new Detector(rules, correlations, fullCommandText, sources, tuning.sigmaFilters());
        this.correlations = correlations;
        this.tuning = tuning;
        this.clock = clock;
        this.screen = detector.screen();
        this.fullCommandText = fullCommandText;
        this.includeRaw = false;
    }

    private Engine(Engine base, Tuning tuning) {
        this(base, tuning, base.includeRaw);
    }

    private Engine(Engine base, Tuning tuning, boolean includeRaw) {
        this.correlations = base.correlations;
        this.reader = base.reader;
        this.normalizer = base.normalizer;
        this.detector = base.detector;
        this.tuning = tuning;
        this.clock = base.clock;
        this.screen = base.screen;
        this.fullCommandText = base.fullCommandText;
        this.includeRaw = includeRaw;
    }

    /**
     * The same engine whose findings carry their record's JSON text as read, after unwrapping
     * ({@link Finding.Origin#raw()}, at most {@link Finding.Raw#MAX_CHARS} characters).
     */
    public Engine withRawRecords(boolean include) {
        return new Engine(this, tuning, include);
    }

    /**
     * The same engine (rules compiled once) with other tuning, e.g. none when tuning is applied later. The Sigma
     * filters stay those of the engine's own tuning: they are applied where findings are made.
     */
    public Engine withTuning(Tuning other) {
        return new Engine(this, other);
    }

    /**
     * The same rules and tuning reading these sources instead of {@link Sources#BUILT_IN}: e.g. Falcon with a host
     * table ({@code Sources.BUILT_IN.with(new FalconSource(hosts))}). Rules are routed again, not recompiled.
     */
    public Engine withSources(Sources sources) {
        return new Engine(reader, detector.rules(), correlations, tuning, clock, fullCommandText, sources)
                .withRawRecords(includeRaw);
    }

    public Detector detector() {
        return detector;
    }

    /** The correlation rules this engine's findings are prepared for; {@link Correlations#NONE} when none. */
    public Correlations correlations() {
        return correlations;
    }

    public Tuning tuning() {
        return tuning;
    }

    public LogReader reader() {
        return reader;
    }

    /** Scans one input of any supported shape. Bad records are counted and reported, never fatal. */
    public InputResult scan(InputStream in, String source) throws IOException {
        return scan(in, source, screen);
    }

    /**
     * {@link #scan(InputStream, String)} of an input that delivers exactly {@code knownLength} bytes (a regular file
     * read up to its size at open; -1 when unknown), which spares small inputs the scan for over-long strings.
     */
    public InputResult scan(InputStream in, String source, long knownLength) throws IOException {
        Collector c = new Collector(source);
        read(in, source, c, screen, knownLength);
        return c.finish();
    }

    /** {@link #scan(InputStream, String)} with a given screen; {@link RecordScreen#ALL} builds every record. */
    InputResult scan(InputStream in, String source, RecordScreen screen) throws IOException {
        Collector c = new Collector(source);
        read(in, source, c, screen);
        return c.finish();
    }

    /** Reads one input into any sink with this engine's screen; read failures become rejections, as in a scan. */
    void read(InputStream in, String source, RecordSink c) {
        read(in, source, c, screen);
    }

    private void read(InputStream in, String source, RecordSink c, RecordScreen screen) {
        read(in, source, c, screen, -1);
    }

    private void read(InputStream in, String source, RecordSink c, RecordScreen screen, long knownLength) {
        try {
            reader.read(in, source, c, screen, knownLength);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            // A cut or corrupt .gz: keep every record read before the damage.
            c.rejected(new Rejection(source, "input", "truncated", "compressed data ends early or is corrupt ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); records before that point were scanned"));
        } catch (IOException e) {
            c.rejected(new Rejection(source, "input", "unreadable", "read failed: " + e
                    + "; records before that point were scanned"));
        }
    }

    /** Scans one already-parsed record (e.g. an EventBridge event handed to a Lambda). */
    public InputResult scan(JsonNode record, String source) {
        Collector c = new Collector(source);
        reader.readTree(record, source, c);
        return c.finish();
    }

    /**
     * Starts a batch: several inputs scanned as one, so that the records of one operation that arrive in different
     * inputs (the Started, Accepted and Succeeded records of an Azure Run Command in different Event Hubs events)
     * still become one finding. Not thread-safe; use one batch per invocation.
     */
    public Batch batch() {
        return new Batch();
    }

    /**
     * What one input of a batch could not read.
     *
     * @param count records (or parts of the input) rejected
     * @param first the first of them, at most {@value #MAX_REJECTIONS_KEPT}, with position and reason
     */
    public record Rejections(long count, List<Rejection> first) {
    }

    /** Inputs scanned together; {@link #finish()} gives their findings, merged across inputs. */
    public final class Batch {
        private final Collector collector = new Collector("batch");
        private boolean finished;

        private Batch() {
        }

        /**
         * Scans one input of any supported shape; its rejections name {@code source}.
         *
         * @return what of this input could not be read: nothing when {@link Rejections#count()} is 0
         */
        public Rejections scan(InputStream in, String source) {
            if (finished) {
                throw new IllegalStateException("batch already finished");
            }
            long rejectedBefore = collector.stats.rejectedTotal();
            collector.currentSource = source;
            collector.inputRejections = new ArrayList<>();
            Engine.this.read(in, source, collector, screen);
            return new Rejections(collector.stats.rejectedTotal() - rejectedBefore,
                    List.copyOf(collector.inputRejections));
        }

        /** The findings of every input scanned, merged, settled and tuned; rejections name their input. */
        public InputResult finish() {
            finished = true;
            return collector.finish();
        }
    }

    /** Evaluates one normalised event: findings before merging and tuning. */
    public List<Finding> detect(AuditEvent event) {
        return detector.detect(event);
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    /**
     * What one recognised record gave before it meets the records around it: its event and its findings, each with
     * its origin and the record's clip notes.
     */
    record Detection(AuditEvent event, List<Finding> findings) {
    }

    /**
     * The half of a record's evaluation that needs nothing from the records before it (normalise, detect, note the
     * origin), so that it can run on any thread; null when the record is not an audit event (counted in stats).
     */
    Detection detect(String source, Position position, JsonNode record, List<String> notes, ScanStats stats) {
        stats.record();
        AuditEvent event = normalizer.normalize(record);
        if (event == null) {
            stats.skipped(normalizer.skipReason(record, UNRECOGNISED));
            return null;
        }
        stats.event();
        List<Finding> found = detector.detect(event);
        if (found.isEmpty()) {
            return new Detection(event, List.of());
        }
        Finding.Origin origin = originOf(source, position, record);
        List<Finding> out = new ArrayList<>(found.size());
        for (Finding detected : found) {
            Finding f = detected.withOrigin(origin);
            if (notes != null) {
                for (String n : notes) {
                    f = f.withNote(n);
                }
            }
            out.add(f);
        }
        return new Detection(event, out);
    }

    /** Where this record was read; with its text when raw records are asked for. */
    private Finding.Origin originOf(String source, Position position, JsonNode record) {
        String element = position.element().isEmpty() ? null
                : position.element().replace(" element ", ".").substring(1);
        return new Finding.Origin(source, position.index(), position.line(), element,
                includeRaw ? Finding.Raw.of(record.toString()) : null);
    }

    /** A collector for one input, for {@link SplitScan}, which feeds it chunk by chunk in file order. */
    Collector collector(String source) {
        return new Collector(source);
    }

    final class Collector implements RecordSink {
        private final FindingMerger merger = new FindingMerger();
        private final OperationOutcomes operations = new OperationOutcomes();
        /** Finding id -> key of the operation it came from, for settling Azure outcomes and supersession. */
        private final Map<String, String> keyOf = new HashMap<>();
        /** Operation key -> names of rules that matched it; kept only when some rule supersedes another. */
        private final Map<String, java.util.Set<String>> matchedByKey = new HashMap<>();
        private final List<Rejection> rejections = new ArrayList<>();
        final ScanStats stats = new ScanStats();
        private String currentSource;
        /** The current input's first rejections, for a batch; null outside one. */
        private List<Rejection> inputRejections;

        Collector(String source) {
            this.currentSource = source;
        }

        /** Notes on the next record's cut fields, from {@link #clipped}; null when none. */
        private List<String> clipNotes;

        @Override
        public void clipped(Position position, List<String> notes) {
            clipNotes = notes;
        }

        @Override
        public void record(Position position, JsonNode record) {
            List<String> notes = clipNotes;
            clipNotes = null;
            if (notes != null) {
                stats.countClippedRecord();
            }
            try {
                evaluate(position, record, notes);
            } catch (RuntimeException e) {
                // A record shape nobody foresaw must cost only itself, never its neighbours.
                rejected(new Rejection(currentSource, position.toString(), "unprocessable",
                        "could not evaluate record: " + e));
            }
        }

        private void evaluate(Position position, JsonNode record, List<String> notes) {
            Detection d = detect(currentSource, position, record, notes, stats);
            if (d != null) {
                fold(d);
            }
        }

        /**
         * The half of a record's evaluation that depends on the records before it: its operation's outcome, merging
         * with findings of the same id, supersession. Split scans ({@link SplitScan}) call it in file order.
         */
        void fold(Detection d) {
            operations.observe(d.event());
            for (Finding f : d.findings()) {
                if (merger.add(f)) {
                    keyOf.put(f.findingId(), d.event().eventKey());
                }
                if (detector.hasSupersessions()) {
                    matchedByKey.computeIfAbsent(d.event().eventKey(), k -> new java.util.HashSet<>())
                            .add(f.rule().name());
                }
            }
        }

        @Override
        public void passedOver(long index, long line) {
            stats.record();
            stats.event();
        }

        @Override
        public void rejected(Rejection rejection) {
            stats.rejected(rejection.kind());
            if (rejections.size() < MAX_REJECTIONS_KEPT) {
                rejections.add(rejection);
            }
            if (inputRejections != null && inputRejections.size() < MAX_REJECTIONS_KEPT) {
                inputRejections.add(rejection);
            }
        }

        @Override
        public void skipped(String reason) {
            stats.record();
            stats.skipped(reason);
        }

        /** A broader rule's finding on an operation that a more specific rule also matched. */
        private boolean superseded(Finding f) {
            java.util.Set<String> specific = detector.supersededBy(f.rule().name());
            if (specific.isEmpty()) {
                return false;
            }
            java.util.Set<String> matched = matchedByKey.get(keyOf.get(f.findingId()));
            if (matched == null) {
                return false;
            }
            for (String s : specific) {
                if (matched.contains(s)) {
                    return true;
                }
            }
            return false;
        }

        InputResult finish() {
            LocalDate today = LocalDate.now(clock);
            List<Finding> settled = new ArrayList<>(merger.size());
            for (Finding f : merger.findings()) {
                if (superseded(f)) {
                    stats.countSuperseded();
                    continue;
                }
                settled.add(Sources.mergesOperations(f.provider()) ? operations.settle(f, keyOf.get(f.findingId())) : f);
            }
            LogIns.Assembled logins = LogIns.assemble(settled);
            stats.countFoldedLogInSteps(logins.folded());
            List<Finding> out = new ArrayList<>(logins.findings().size());
            for (Finding f : logins.findings()) {
                Finding tuned = tuning.apply(f, today);
                stats.finding(tuned.suppressed());
                out.add(tuned);
            }
            return new InputResult(out, rejections, stats);
        }
    }
}
