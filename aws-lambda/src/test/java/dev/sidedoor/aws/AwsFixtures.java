package dev.sidedoor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.sidedoor.core.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.List;

/** The core's AWS rule fixtures (plain CloudTrail records), delivered the way EventBridge delivers them. */
final class AwsFixtures {

    static final ObjectMapper JSON = RuleFixtures.JSON;

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
        return enveloped(RuleFixtures.match("aws_"));
    }

    static List<Fixture> nomatch() {
        return enveloped(RuleFixtures.nomatch("aws_"));
    }

    private static List<Fixture> enveloped(List<RuleFixtures.Fixture> fixtures) {
        return fixtures.stream().map(f -> new Fixture(f.rule(), f.file(), envelope(f.record(),
                f.file().getFileName().toString()))).toList();
    }

    /** The EventBridge envelope CloudTrail events arrive in (detail-type, source aws.SERVICE, detail). */
    static ObjectNode envelope(JsonNode record, String name) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        e.put("detail-type", "ConsoleLogin".equals(record.path("eventName").asText())
                ? "AWS Console Sign In via CloudTrail" : "AWS API Call via CloudTrail");
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
