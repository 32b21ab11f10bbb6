package dev.sidedoor.aws;

import dev.sidedoor.core.output.JsonText;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Structured JSON log lines, and per-invocation counts as CloudWatch Embedded Metric Format (one log line that
 * CloudWatch turns into metrics, no API call and no extra client). Values that came from events are written as
 * JSON strings, so a forged line break or quote cannot forge a log entry.
 */
final class Telemetry {

    /** The counters emitted per invocation, in this order. */
    static final List<String> METRICS = List.of("Events", "Findings", "Published", "Suppressed", "BelowThreshold",
            "Ignored", "Errors", "PublishFailures", "UntrustedSource", "AlreadyPublished", "BaselineUnavailable",
            "LedgerErrors", "StateReads", "StateWrites");

    private final PrintStream out;
    private final Clock clock;
    private final String namespace;
    private final String functionName;

    Telemetry(PrintStream out, Clock clock, String namespace, String functionName) {
        this.out = out;
        this.clock = clock;
        this.namespace = namespace;
        this.functionName = functionName;
    }

    /** One log line: level, message, then the given fields (string values; null values are left out). */
    void log(String level, String message, Map<String, ?> fields) {
        line(g -> {
            g.writeStringField("timestamp", clock.instant().toString());
            g.writeStringField("level", level);
            g.writeStringField("message", message);
            JsonText.writeFields(g, fields);
        });
    }

    /** The invocation's counters as an EMF document, dimensioned by function name. */
    void metrics(Map<String, Long> counts) {
        line(g -> {
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", clock.millis());
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", namespace);
            g.writeArrayFieldStart("Dimensions");
            g.writeStartArray();
            g.writeString("FunctionName");
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            for (String name : METRICS) {
                g.writeStartObject();
                g.writeStringField("Name", name);
                g.writeStringField("Unit", "Count");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField("FunctionName", functionName);
            for (String name : METRICS) {
                g.writeNumberField(name, counts.getOrDefault(name, 0L));
            }
        });
    }

    private void line(JsonText.Body fields) {
        // One println per entry: Lambda ships each stdout line as one log event.
        out.println(JsonText.write(g -> {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }));
    }
}
