package dev.sidedoor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Guesses, before the command line is parsed, whether a scan's input is large: large enough that a default JVM's
 * heap would grow well past what the scan needs. Every argument that names an existing file or folder counts
 * (an option's value such as a rules folder too: those are small), and the walk stops as soon as the threshold
 * is reached, so a large tree costs no more than the part of it walked.
 */
final class ScanSize {

    /** CloudTrail and Activity Log JSON shrinks about tenfold in gzip: count what the scan will read. */
    private static final int GZIP_RATIO = 10;

    /**
     * Entries looked at before the walk gives up and answers "at least the cap": an archive of that many files is
     * large, and walking all of it twice (here and in the scan) would cost seconds on a network file system.
     */
    static final int MAX_ENTRIES = 50_000;

    private ScanSize() {
    }

    /**
     * The bytes of input {@code args} name, counted until {@code cap} is reached: {@code cap} or more means "at
     * least that much", and so does standard input ({@code -}), whose size cannot be known.
     */
    static long upTo(String[] args, long cap) {
        return upTo(args, cap, MAX_ENTRIES);
    }

    static long upTo(String[] args, long cap, int maxEntries) {
        long total = 0;
        int[] entries = {0};
        for (String arg : args) {
            if (arg.equals("-")) {
                return Math.max(total, cap);
            }
            if (arg.startsWith("-") || arg.isEmpty()) {
                continue;
            }
            total += size(arg, cap - total, entries, maxEntries);
            if (total >= cap || entries[0] >= maxEntries) {
                return Math.max(total, entries[0] >= maxEntries ? cap : 0);
            }
        }
        return total;
    }

    /**
     * The bytes under {@code path}, counted until {@code enough} is reached or {@code entries} (a count shared by
     * all the arguments) reaches {@code maxEntries}; 0 for what cannot be read.
     */
    private static long size(String arg, long enough, int[] entries, int maxEntries) {
        try {
            Path path = Path.of(arg);
            entries[0]++;
            if (!Files.isDirectory(path)) {
                return Files.isRegularFile(path) ? weight(path, Files.size(path)) : 0;
            }
            long total = 0;
            // Links to files are counted (readAttributes follows them); links to folders are not walked here.
            try (Stream<Path> files = Files.walk(path)) {
                for (Iterator<Path> it = files.iterator(); it.hasNext() && total < enough
                        && entries[0] < maxEntries; entries[0]++) {
                    Path p = it.next();
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        total += weight(p, a.size());
                    }
                }
            }
            return total;
        } catch (IOException | UncheckedIOException | SecurityException | InvalidPathException e) {
            // The scan itself reports what it cannot read; here it only does not count.
            return 0;
        }
    }

    private static long weight(Path p, long bytes) {
        return p.getFileName().toString().endsWith(".gz") ? bytes * GZIP_RATIO : bytes;
    }
}
