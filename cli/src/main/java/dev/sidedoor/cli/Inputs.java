package dev.sidedoor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Expands the command line's paths into inputs: files, directories walked recursively in name order, stdin. */
record Inputs(List<Input> files, List<String> problems, List<Path> passedOver, List<Path> loops) {

    /**
     * Endings of log files taken from a directory walk. Files named on the command line are always read; a walk
     * passes over READMEs, tuning files and the like rather than reporting them as broken logs.
     */
    static final List<String> LOG_ENDINGS = List.of(".json", ".jsonl", ".ndjson", ".jsonc", ".log", ".gz", ".txt");

    static boolean looksLikeLog(Path f) {
        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith(".")) {
            return false;
        }
        for (String e : LOG_ENDINGS) {
            if (n.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A {@code .txt} or {@code .log} file whose first character is not where JSON starts (a README.txt, a notes
     * file beside the logs): a walk passes it over instead of reporting a broken log. Gzip and JSON go on.
     */
    static boolean plainText(Path f) {
        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!n.endsWith(".txt") && !n.endsWith(".log")) {
            return false;
        }
        byte[] head = new byte[512];
        int read;
        try (InputStream in = Files.newInputStream(f)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false; // opened again to be scanned, which reports the error with the file's name
        }
        int i = read >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < read && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i == read) {
            return false;
        }
        int b = head[i] & 0xff;
        return b != '{' && b != '[' && !(i == 0 && read >= 2 && b == 0x1f && (head[1] & 0xff) == 0x8b);
    }

    interface Input {
        String name();

        InputStream open() throws IOException;

        /**
         * The input's length in bytes when known before it is read (a regular file's size), else -1. A scan reads a
         * file with a known length up to that length and no further ({@link UpTo}).
         */
        default long knownLength() {
            return -1;
        }
    }

    static Inputs expand(List<String> paths) {
        List<Input> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> passedOver = new ArrayList<>();
        List<Path> loops = new ArrayList<>();
        boolean stdinUsed = false;
        for (String p : paths) {
            if (p.equals("-")) {
                if (!stdinUsed) {
                    files.add(new StdIn());
                    stdinUsed = true;
                }
                continue;
            }
            Path path = Paths.get(p);
            if (Files.isRegularFile(path)) {
                files.add(new FileInput(path));
            } else if (Files.isDirectory(path)) {
                walk(path, files, passedOver, problems, loops);
            } else if (Files.exists(path)) {
                problems.add(p + ": not a regular file or directory");
            } else {
                problems.add(p + ": no such file or directory");
            }
        }
        return new Inputs(files, problems, passedOver, loops);
    }

    /** Walks a tree in name order; an unreadable folder is reported and the rest is still scanned. */
    private static void walk(Path root, List<Input> files, List<Path> passedOver, List<String> problems,
            List<Path> loops) {
        List<Path> found = new ArrayList<>();
        try {
            // Symbolic links are followed (a log folder is often a link to a mount); a link back up the tree is
            // reported and not walked again, a link to nothing is reported.
            Files.walkFileTree(root, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS),
                    Integer.MAX_VALUE, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                    if (a.isRegularFile()) {
                        found.add(f);
                    } else if (a.isSymbolicLink()) {
                        problems.add(f + ": symbolic link to nothing (not scanned)");
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                    if (e instanceof java.nio.file.FileSystemLoopException) {
                        loops.add(f);
                    } else {
                        problems.add(f + ": cannot read: " + e.getMessage());
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(root + ": cannot list directory: " + e.getMessage());
        }
        found.sort(null);
        for (Path f : found) {
            if (looksLikeLog(f) && !plainText(f)) {
                files.add(new FileInput(f));
            } else {
                passedOver.add(f);
            }
        }
    }

    record FileInput(Path path) implements Input {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public long knownLength() {
            try {
                java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(path,
                        java.nio.file.attribute.BasicFileAttributes.class);
                // Some file systems report 0 for files that hold data (procfs, some FUSE mounts): read those to the end.
                return a.isRegularFile() && a.size() > 0 ? a.size() : -1;
            } catch (IOException e) {
                return -1;
            }
        }
    }

    record StdIn() implements Input {
        @Override
        public String name() {
            return "-";
        }

        @Override
        public InputStream open() {
            return new java.io.FilterInputStream(System.in) {
                @Override
                public void close() {
                    // stdin belongs to the process
                }
            };
        }
    }
}
