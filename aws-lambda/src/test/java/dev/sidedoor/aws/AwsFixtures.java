package dev.sidedoor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The core's AWS rule fixtures (plain CloudTrail records), delivered the way EventBridge delivers them. */
final class AwsFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = Path.of("..", "shared-core", "src", "test", "resources", "rule-fixtures");

    /** A fixture: the rule it was written for, its file, and its EventBridge event. */
    record Fixture(String rule, Path file, ObjectNode event) {
        byte[] bytes() {
            try {
                return JSON.writeValueAsBytes(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return rule + "/" + file.getParent().getFileName() + "/" + file.getFileName();
        }
    }

    private AwsFixtures() {
    }

    static List<Fixture> match() {
        return load("match");
    }

    static List<Fixture> nomatch() {
        return load("nomatch");
    }

    private static List<Fixture> load(String kind) {
        try (Stream<Path> rules = Files.list(DIR)) {
            return rules.filter(d -> d.getFileName().toString().startsWith("aws_")).sorted()
                    .flatMap(d -> files(d.resolve(kind)).map(f -> new Fixture(d.getFileName().toString(), f,
                            envelope(read(f), f.getFileName().toString()))))
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

    private static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    /** The EventBridge envelope CloudTrail events arrive in (detail-type, source aws.SERVICE, detail). */
    static ObjectNode envelope(JsonNode record, String name) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        e.put("detail-type", "AWS API Call via CloudTrail");
        String source = record.path("eventSource").asText("unknown.amazonaws.com");
        e.put("source", "aws." + source.replace(".amazonaws.com", ""));
        e.put("account", record.path("recipientAccountId").asText("000000000000"));
        e.put("time", record.path("eventTime").asText("2026-01-01T00:00:00Z"));
        e.put("region", record.path("awsRegion").asText("us-east-1"));
        e.putArray("resources");
        e.set("detail", record);
        return e;
    }
}
