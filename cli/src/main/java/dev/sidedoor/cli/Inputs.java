package dev.sidedoor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the command line's paths into inputs: files, directories walked recursively in name order, stdin. */
record Inputs(List<Input> files, List<String> problems) {

    interface Input {
        String name();

        InputStream open() throws IOException;
    }

    static Inputs expand(List<String> paths) {
        List<Input> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
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
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(f -> files.add(new FileInput(f)));
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add(p + ": cannot list directory: " + e.getMessage());
                }
            } else if (Files.exists(path)) {
                problems.add(p + ": not a regular file or directory");
            } else {
                problems.add(p + ": no such file or directory");
            }
        }
        return new Inputs(files, problems);
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
