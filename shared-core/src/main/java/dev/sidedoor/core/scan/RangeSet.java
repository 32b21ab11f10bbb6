package dev.sidedoor.core.scan;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.read.Rejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The ranges of one file and the fold of their entries, in file order, into the file's one collector. */
final class RangeSet {

    private final Engine engine;
    private final String source;
    private final Range[] ranges;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    RangeSet(Engine engine, Path file, String source, long[] cuts, AtomicLong shared, AtomicLong counted) {
        this(engine, file, source, cuts, RangeFormat.JSON_LINES, shared, counted);
    }

    RangeSet(Engine engine, Path file, String source, long[] cuts, RangeFormat format, AtomicLong shared,
            AtomicLong counted) {
        this.engine = engine;
        this.source = source;
        this.ranges = new Range[cuts.length - 1];
        for (int k = 0; k < ranges.length; k++) {
            ranges[k] = new Range(engine, file, source, cuts[k], cuts[k + 1], k == ranges.length - 1, format, shared,
                    counted, cancelled::get);
        }
    }

    /** The file's result, or null when the pass was given up (scan the file whole then). */
    InputResult scan(Executor pool) {
        for (int k = 1; k < ranges.length; k++) {
            Range r = ranges[k];
            pool.execute(() -> {
                if (!cancelled.get() && r.claim()) {
                    r.runQueued();
                }
            });
        }
        Engine.Collector collector = engine.collector(source);
        Fold fold = new Fold(collector);
        try {
            for (Range r : ranges) {
                if (r.claim()) {
                    r.run(fold); // nobody started it: read it here rather than wait for a thread
                } else {
                    drain(r, fold);
                }
                if (!fold.ended) {
                    throw new Range.Abandoned();
                }
                fold.ended = false;
            }
        } catch (Range.Abandoned | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            abandon();
            return null;
        }
        return collector.finish();
    }

    private static void drain(Range r, Fold fold) throws InterruptedException {
        while (!fold.ended) {
            fold.accept(r.queue.take());
        }
    }

    /** Stops every range and waits until none reads any more, so their bytes are all counted before the retry. */
    private void abandon() {
        cancelled.set(true);
        for (Range r : ranges) {
            if (!r.claim()) {
                try {
                    r.awaitDone();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Folds entries into the collector, renumbered after the ranges before. */
    private final class Fold implements Consumer<Range.Entry> {
        private final Engine.Collector collector;
        private long records;
        private long lines;
        boolean ended;

        Fold(Engine.Collector collector) {
            this.collector = collector;
        }

        @Override
        public void accept(Range.Entry e) {
            if (e instanceof Range.Found f) {
                found(f);
            } else if (e instanceof Range.Rejected r) {
                Rejection x = r.rejection();
                String at = Renumber.shift(x.position(), records, lines);
                if (at == null) {
                    // "file" or "input": the range was read in a way the whole file would not be
                    giveUp();
                }
                collector.rejected(new Rejection(x.source(), at, x.kind(), x.detail()));
            } else if (e instanceof Range.End end) {
                records += end.records();
                lines += end.lines();
                collector.stats.add(end.stats());
                ended = true;
            } else {
                giveUp();
            }
        }

        private void found(Range.Found f) {
            List<Finding> moved = new ArrayList<>(f.detection().findings().size());
            for (Finding x : f.detection().findings()) {
                moved.add(Renumber.shift(x, records, lines));
            }
            try {
                collector.fold(new Engine.Detection(f.detection().event(), moved));
            } catch (RuntimeException ex) {
                // As Engine.Collector does for a record it cannot evaluate.
                collector.rejected(new Rejection(source, Renumber.shift(f.position(), records, lines).toString(),
                        "unprocessable", "could not evaluate record: " + ex));
            }
        }

        private void giveUp() {
            cancelled.set(true);
            throw new Range.Abandoned();
        }
    }
}
