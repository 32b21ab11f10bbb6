package dev.sidedoor.cli;

import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.scan.SplitScan;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * One big file scanned with help from the pool's idle threads: a JSON Lines file in ranges ({@link SplitScan}), a
 * .gz inflated on one thread and scanned on another ({@link InflatingPipe}). Either gives exactly what a one-thread
 * scan gives; when it cannot be sure of that it declines (null) and the caller scans the file as always.
 */
final class HelpedScan {

    /** A smaller .gz inflates in a blink: not worth a hand-over. */
    static final long PIPE_MIN_BYTES = 4L << 20;

    private HelpedScan() {
    }

    /** Whether this input may use more than one thread: then the pool gets every thread --threads allows. */
    static boolean mayUseHelpers(Inputs.Input input, int threads) {
        return threads > 1 && input instanceof Inputs.FileInput f && size(f.path()) >= PIPE_MIN_BYTES;
    }

    /** The file's result, or null to scan it the usual way. */
    static InputResult scan(Engine engine, Inputs.FileInput input, int threads, Executor pool, AtomicLong bytesRead)
            throws IOException {
        if (!mayUseHelpers(input, threads)) {
            return null;
        }
        Path path = input.path();
        if (gzip(path)) {
            return piped(engine, path, input.name(), pool, bytesRead);
        }
        return SplitScan.scan(engine, path, input.name(), SplitScan.parts(size(path), threads), pool, bytesRead);
    }

    private static InputResult piped(Engine engine, Path path, String name, Executor pool, AtomicLong bytesRead)
            throws IOException {
        CountingInputStream counted = new CountingInputStream(Files.newInputStream(path), bytesRead);
        InflatingPipe pipe = null;
        try {
            // As LogReader builds it, so the inflated bytes are the same to the last one.
            GZIPInputStream gz = new GZIPInputStream(new BufferedInputStream(counted, 1 << 16), 1 << 16);
            byte[] prefix = gz.readNBytes(2);
            if (prefix.length == 2 && (prefix[0] & 0xff) == 0x1f && (prefix[1] & 0xff) == 0x8b) {
                // gzip inside gzip: the reader would inflate the inner one too; left to the usual path
                bytesRead.addAndGet(-counted.count());
                gz.close();
                return null;
            }
            pipe = new InflatingPipe(gz, prefix, pool);
            InputResult r = engine.scan(pipe, name);
            pipe.close();
            if (pipe.failed()) {
                // Cut or corrupt: how much is recovered before the damage depends on read sizes; read as always.
                bytesRead.addAndGet(-counted.count());
                return null;
            }
            r.stats().addBytes(counted.count());
            return r;
        } catch (IOException e) {
            // A broken header: the usual path says so in its own words.
            bytesRead.addAndGet(-counted.count());
            counted.close();
            return null;
        } finally {
            if (pipe != null) {
                pipe.close();
            }
        }
    }

    private static boolean gzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    /** The size of a regular file (one stat), 0 for anything else: a pipe or device is read as a stream. */
    private static long size(Path path) {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(path,
                    java.nio.file.attribute.BasicFileAttributes.class);
            return a.isRegularFile() ? a.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
