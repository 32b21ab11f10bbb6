package dev.sidedoor.core.tuning;

import dev.sidedoor.core.sigma.SigmaException;
import dev.sidedoor.core.sigma.SigmaFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the Sigma filter files a tuning file lists under {@code sigma_filters}: files or folders of them. */
final class SigmaFilters {

    /** Filter files are small; one larger than this is a mistake, not a filter. */
    private static final long MAX_BYTES = 1 << 20;
    private static final int MAX_FILES = 1000;

    private SigmaFilters() {
    }

    /**
     * @param path   as written in the tuning file: relative paths start at the tuning file's folder
     * @param tuning the tuning file's name, for errors
     * @param line   the line of the entry, for errors
     */
    static List<SigmaFilter> load(String path, String tuning, int line) throws TuningException {
        Path base = Path.of(tuning).toAbsolutePath().getParent();
        Path p = base == null ? Path.of(path) : base.resolve(path);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p, 8)) {
                walk.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".yml")
                        || f.toString().endsWith(".yaml"))).sorted().forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new TuningException(tuning, line, "sigma_filters: cannot read " + path + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(p)) {
            files.add(p);
        } else {
            throw new TuningException(tuning, line, "sigma_filters: " + path + ": no such file or folder (relative "
                    + "paths start at the tuning file's folder)");
        }
        if (files.size() > MAX_FILES) {
            throw new TuningException(tuning, line, "sigma_filters: " + path + " holds more than " + MAX_FILES
                    + " files");
        }
        List<SigmaFilter> out = new ArrayList<>();
        for (Path f : files) {
            try {
                if (Files.size(f) > MAX_BYTES) {
                    throw new TuningException(tuning, line, "sigma_filters: " + f + " is larger than 1 MB");
                }
                out.addAll(SigmaFilter.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
            } catch (SigmaException e) {
                throw new TuningException(tuning, line, "sigma_filters: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new TuningException(tuning, line, "sigma_filters: cannot read " + f + ": " + e, e);
            }
        }
        return out;
    }
}
