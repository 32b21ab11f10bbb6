package dev.sidedoor.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The built-in rules' test events, for the front ends' tests (shipped in the core's test jar): each rule's
 * must-match records in {@code rule-fixtures/<rule>/match/} and look-alikes in {@code nomatch/}, one JSON record
 * per file. Read from the source tree, so run from shared-core or a sibling module.
 */
public final class RuleFixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A fixture: the rule it was written for, its file, and its record. */
    public record Fixture(String rule, Path file, JsonNode record) {
        @Override
        public String toString() {
            return rule + "/" + file.getParent().getFileName() + "/" + file.getFileName();
        }
    }

    private RuleFixtures() {
    }

    /** The fixtures folder, seen from shared-core or from a sibling module. */
    public static Path dir() {
        Path own = Path.of("src", "test", "resources", "rule-fixtures");
        return Files.isDirectory(own) && Files.isDirectory(Path.of("src", "main", "resources", "dev", "sidedoor",
                "rules")) ? own : Path.of("..", "shared-core", "src", "test", "resources", "rule-fixtures");
    }

    /** Must-match fixtures of the rules whose name starts with {@code rulePrefix} ("aws_", "azure_"). */
    public static List<Fixture> match(String rulePrefix) {
        return load(rulePrefix, "match");
    }

    /** Look-alike fixtures of the rules whose name starts with {@code rulePrefix}. */
    public static List<Fixture> nomatch(String rulePrefix) {
        return load(rulePrefix, "nomatch");
    }

    private static List<Fixture> load(String rulePrefix, String kind) {
        try (Stream<Path> rules = Files.list(dir())) {
            return rules.filter(d -> d.getFileName().toString().startsWith(rulePrefix)).sorted()
                    .flatMap(d -> files(d.resolve(kind)).map(f -> new Fixture(d.getFileName().toString(), f,
                            record(f))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one audit record a fixture file holds, taken out of whatever it was saved in (an S3 log file's
     * {@code Records}, an EventBridge event, a lookup-events answer, an Event Hubs {@code records} batch) by the
     * reader every front end uses; the file's JSON as it is when it holds several records or none.
     */
    public static JsonNode record(Path f) {
        java.util.List<JsonNode> records = new java.util.ArrayList<>();
        try (java.io.InputStream in = Files.newInputStream(f)) {
            new dev.sidedoor.core.read.LogReader().read(in, f.toString(), new dev.sidedoor.core.read.RecordSink() {
                @Override
                public void record(dev.sidedoor.core.read.Position position, JsonNode record) {
                    records.add(record);
                }

                @Override
                public void rejected(dev.sidedoor.core.read.Rejection rejection) {
                }

                @Override
                public void skipped(String reason) {
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
        return records.size() == 1 ? records.get(0) : read(f);
    }

    /** One JSON file, with its path in the error when it does not parse. */
    public static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }
}
