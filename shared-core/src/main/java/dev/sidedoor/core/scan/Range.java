package dev.sidedoor.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.read.Position;
import dev.sidedoor.core.read.RecordSink;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.source.Sources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One byte range of a JSON Lines file, read on whichever thread claims it first. Each record is normalised and
 * evaluated here; what must meet the records before it goes out as an {@link Entry}, in order, numbered within
 * the range. Records that gave nothing to fold (no finding, no Azure operation) send nothing.
 */
final class Range implements RecordSink {

    /** What a range hands on, in file order. */
    sealed interface Entry permits Found, Rejected, End, Failed {
    }

    record Found(Position position, Engine.Detection detection) implements Entry {
    }

    record Rejected(Rejection rejection) implements Entry {
    }

    /** The range's record and line totals and its counts; always its last entry. */
    record End(long records, long lines, ScanStats stats) implements Entry {
    }

    /** The range could not be read as the whole file would be: the file is scanned again in one pass. */
    record Failed(String why) implements Entry {
    }

    /** Thrown to stop a pass that was given up; caught by whoever runs the range. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    /** Bounds what a range read ahead of its turn may hold: entries, not bytes, but each is a record's worth. */
    static final int QUEUE = 1024;

    final long start;
    final long end;
    private final boolean last;
    private final RangeFormat format;
    private final Engine engine;
    private final Path file;
    private final String source;
    private final AtomicLong shared;
    private final AtomicLong counted;
    private final BooleanSupplier cancelled;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);

    private final ScanStats stats = new ScanStats();
    private Consumer<Entry> out;
    private List<String> clipNotes;
    /** The latest rejection, held back until something follows it: the last one is the sentinel's. */
    private Rejection pending;

    Range(Engine engine, Path file, String source, long start, long end, boolean last, RangeFormat format,
            AtomicLong shared, AtomicLong counted, BooleanSupplier cancelled) {
        this.format = format;
        this.engine = engine;
        this.file = file;
        this.source = source;
        this.start = start;
        this.end = end;
        this.last = last;
        this.shared = shared;
        this.counted = counted;
        this.cancelled = cancelled;
    }

    /** True for the one caller that gets to read this range. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Waits until a claimed range has stopped reading. */
    void awaitDone() throws InterruptedException {
        done.await();
    }

    /** On a pool thread: entries go to the queue, drained in order by the file's own thread. */
    void runQueued() {
        try {
            run(this::put);
        } catch (Abandoned given) {
            // The file's thread gave this pass up and scans the file again.
        } catch (RuntimeException | Error e) {
            try {
                put(new Failed(e.toString()));
            } catch (Abandoned given) {
                // as above
            }
        }
    }

    /** Reads the range, handing each entry to {@code sink} as it comes; ends with {@link End} or {@link Failed}. */
    void run(Consumer<Entry> sink) {
        out = sink;
        try {
            try (InputStream in = open()) {
                engine.read(in, source, this);
            } catch (IOException e) {
                emit(new Failed("cannot read range: " + e));
                return;
            }
            finish();
        } finally {
            done.countDown();
        }
    }

    private InputStream open() throws IOException {
        InputStream range = new FileRange(FileChannel.open(file, StandardOpenOption.READ), start, end, shared, counted,
                cancelled);
        if (start > 0 && format.prefix().length > 0) {
            range = new SequenceInputStream(new ByteArrayInputStream(format.prefix()), range);
        }
        return last ? range : new SequenceInputStream(range, new ByteArrayInputStream(format.sentinel()));
    }

    private void finish() {
        if (last) {
            flush();
            emit(new End(0, 0, stats));
            return;
        }
        long[] at = pending == null ? null : Renumber.parse(pending.position());
        if (at == null || at[1] < 1 || !format.sentinelKind().equals(pending.kind())) {
            emit(new Failed("the range's end marker was not read as expected"));
        } else {
            emit(new End(at[0] - 1, at[1] - 1, stats));
        }
    }

    @Override
    public void clipped(Position position, List<String> notes) {
        flush();
        if (format.strict()) {
            // The clipper keeps less of every cut after the first on a line, and a records file is one line.
            fail("a clipped value at " + position);
        }
        clipNotes = notes;
    }

    @Override
    public void record(Position position, JsonNode record) {
        flush();
        List<String> notes = clipNotes;
        clipNotes = null;
        if (notes != null) {
            stats.countClippedRecord();
        }
        Engine.Detection d;
        try {
            d = engine.detect(source, position, record, notes, stats);
        } catch (RuntimeException e) {
            // As Engine.Collector does: a record shape nobody foresaw costs only itself.
            emit(new Rejected(new Rejection(source, position.toString(), "unprocessable",
                    "could not evaluate record: " + e)));
            return;
        }
        if (d != null && (!d.findings().isEmpty() || Sources.mergesOperations(d.event().provider()))) {
            emit(new Found(position, d));
        }
    }

    @Override
    public void passedOver(long index, long line) {
        flush();
        stats.record();
        stats.event();
    }

    @Override
    public void skipped(String reason) {
        flush();
        stats.record();
        stats.skipped(reason);
    }

    @Override
    public void rejected(Rejection rejection) {
        flush();
        pending = rejection;
    }

    @Override
    public void lenient(long line) {
        if (format.strict()) {
            fail("something outside plain JSON near line " + line);
        }
    }

    private void flush() {
        if (pending != null) {
            Rejection r = pending;
            pending = null;
            if (format.strict()) {
                fail("a rejected record: " + r);
            }
            emit(new Rejected(r));
        }
    }

    /** Hands on why this pass cannot stand and stops reading: the file is scanned again whole. */
    private void fail(String why) {
        emit(new Failed(why));
        throw new Abandoned();
    }

    private void emit(Entry e) {
        if (cancelled.getAsBoolean()) {
            throw new Abandoned();
        }
        out.accept(e);
    }

    private void put(Entry e) {
        try {
            while (!queue.offer(e, 50, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    throw new Abandoned();
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new Abandoned();
        }
    }
}
