package dev.sidedoor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Telemetry telemetry = new Telemetry(new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), "sidedoor", "fn");

    @Test
    void metricsAreOneEmbeddedMetricFormatLine() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("Events", 1L);
        counts.put("Published", 1L);
        telemetry.metrics(counts);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length);
        JsonNode emf = AwsFixtures.JSON.readTree(lines[0]);
        JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").path(0);
        assertEquals(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli(), emf.path("_aws").path("Timestamp")
                .asLong());
        assertEquals("sidedoor", directive.path("Namespace").asText());
        assertEquals("[[\"FunctionName\"]]", directive.path("Dimensions").toString());
        assertEquals(Telemetry.METRICS.size(), directive.path("Metrics").size());
        for (JsonNode m : directive.path("Metrics")) {
            // EMF needs a top-level member for every declared metric.
            assertEquals(true, emf.path(m.path("Name").asText()).isNumber(), m.toString());
        }
        assertEquals(1, emf.path("Published").asInt());
        assertEquals(0, emf.path("Errors").asInt());
        assertEquals("fn", emf.path("FunctionName").asText());
    }

    @Test
    void aForgedLineBreakInAnEventValueStaysInsideOneLogLine() throws Exception {
        telemetry.log("ERROR", "malformed event",
                Map.of("event_id", "x\"}\n{\"level\":\"INFO\",\"message\":\"all good\""));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length);
        assertEquals("ERROR", AwsFixtures.JSON.readTree(lines[0]).path("level").asText());
    }
}
