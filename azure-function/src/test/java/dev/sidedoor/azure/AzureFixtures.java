package dev.sidedoor.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The core's Azure rule fixtures (diagnostic-settings and REST-shaped records), and the bundled example batch. */
final class AzureFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = Path.of("..", "shared-core", "src", "test", "resources", "rule-fixtures");
    static final Path EXAMPLE_BATCH = Path.of("..", "examples", "azure", "eventhub-insights-activity-logs-batch.json");

    /** A fixture: the rule it was written for, its file, and its record. */
    record Fixture(String rule, Path file, JsonNode record) {
        @Override
        public String toString() {
            return rule + "/" + file.getParent().getFileName() + "/" + file.getFileName();
        }
    }

    private AzureFixtures() {
    }

    static List<Fixture> match() {
        return load("match");
    }

    static List<Fixture> nomatch() {
        return load("nomatch");
    }

    /** The records of the bundled Event Hubs example batch (attacks, benign operations and sign-ins). */
    static List<JsonNode> exampleRecords() {
        List<JsonNode> out = new ArrayList<>();
        read(EXAMPLE_BATCH).get("records").forEach(out::add);
        return out;
    }

    private static List<Fixture> load(String kind) {
        try (Stream<Path> rules = Files.list(DIR)) {
            return rules.filter(d -> d.getFileName().toString().startsWith("azure_")).sorted()
                    .flatMap(d -> files(d.resolve(kind)).map(f -> new Fixture(d.getFileName().toString(), f, read(f))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    /** A diagnostic-settings document, as one Event Hubs event body: {"records":[...]}. */
    static String document(List<String> records) {
        return "{\"records\":[" + String.join(",", records) + "]}";
    }
}
