package dev.sidedoor.core.scan;

import dev.sidedoor.core.read.JsonLinesHead;
import dev.sidedoor.core.read.LogReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans one large JSON Lines file, or one large {@code {"Records":[...]}} document, on several threads, with
 * exactly the result of {@link Engine#scan} on the whole file: findings, origins, rejections (and their order) and
 * counts.
 *
 * <p>The file is cut into ranges: JSON Lines at line starts ({@link LineSplits}), a records document before what looks
 * like an element ({@link ArraySplits}, each cut proven as it is read: {@link RangeFormat#RECORDS}). The caller's
 * thread reads the first range, folding each record into the file's one {@link Engine.Collector} as it goes; the other
 * ranges are offered to the pool, where a free thread reads one (normalising and evaluating every record) and queues
 * what needs the records before it (findings, Azure operation records, rejections) in a bounded queue. The caller then
 * takes the ranges in order: it drains a range's queue, or reads the range itself when no thread has started it yet,
 * so a busy pool costs nothing and nobody ever waits for a task that cannot run. Record and line numbers restart in
 * each range; each range's totals come from a sentinel appended to it, and later ranges are renumbered from the sums.
 *
 * <p>Anything that a range could see differently from the whole file (a range that starts with 20 broken records
 * and makes the reader give up, a read error) makes the whole file be scanned again in one pass: hostile content
 * can slow a scan down, never change it.
 */
public final class SplitScan {

    /** Smaller files are scanned whole: a range hand-over is not worth it. */
    public static final long MIN_FILE_BYTES = 64L << 20;
    /** Ranges of about this much, at least; several per thread so that a thread busy elsewhere is not waited for. */
    static final long MIN_RANGE_BYTES = 16L << 20;

    private SplitScan() {
    }

    /** How many ranges a file of {@code size} bytes is worth cutting into for {@code threads}; 1: scan it whole. */
    public static int parts(long size, int threads) {
        if (threads < 2 || size < MIN_FILE_BYTES) {
            return 1;
        }
        return (int) Math.max(2, Math.min(4L * threads, size / MIN_RANGE_BYTES));
    }

    /**
     * Scans {@code file} in ranges when it is JSON Lines or one records document and cuts are found; null when it
     * is not worth it or neither (scan it whole then).
     *
     * @param bytesRead counts every byte read as it is read (progress); a discarded pass is taken back
     */
    public static InputResult scan(Engine engine, Path file, String source, int parts, Executor pool,
            AtomicLong bytesRead) throws IOException {
        if (parts < 2) {
            return null;
        }
        LogReader reader = engine.reader();
        long[] cuts;
        RangeFormat format = RangeFormat.JSON_LINES;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] head = new byte[(int) Math.min(JsonLinesHead.BYTES, size)];
            ch.read(ByteBuffer.wrap(head), 0);
            if (JsonLinesHead.readsAsJsonLines(reader, head)) {
                cuts = LineSplits.find(ch, size, parts, JsonLinesHead.BYTES,
                        h -> JsonLinesHead.readsAsJsonLines(reader, h));
            } else {
                cuts = ArraySplits.find(ch, size, parts);
                format = RangeFormat.RECORDS;
            }
        }
        if (cuts == null || cuts.length <= 2) {
            return null;
        }
        AtomicLong counted = new AtomicLong();
        InputResult split = new RangeSet(engine, file, source, cuts, format, bytesRead, counted).scan(pool);
        if (split != null) {
            split.stats().addBytes(counted.get());
            return split;
        }
        bytesRead.addAndGet(-counted.get());
        return whole(engine, file, source, bytesRead);
    }

    /** The plain one-pass scan, for when a split pass found something a range might have seen differently. */
    private static InputResult whole(Engine engine, Path file, String source, AtomicLong bytesRead)
            throws IOException {
        AtomicLong local = new AtomicLong();
        try (InputStream in = new FileRange(FileChannel.open(file, StandardOpenOption.READ), 0, Long.MAX_VALUE,
                bytesRead, local, () -> false)) {
            InputResult r = engine.scan(in, source);
            r.stats().addBytes(local.get());
            return r;
        }
    }
}
