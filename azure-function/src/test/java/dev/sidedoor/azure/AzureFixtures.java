package dev.sidedoor.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidedoor.core.testing.RuleFixtures;
import dev.sidedoor.core.testing.RuleFixtures.Fixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The core's Azure rule fixtures (diagnostic-settings and REST-shaped records), and the bundled example batch. */
final class AzureFixtures {

    static final ObjectMapper JSON = RuleFixtures.JSON;
    static final Path DIR = RuleFixtures.dir();
    static final Path EXAMPLE_BATCH = Path.of("..", "examples", "azure", "eventhub-insights-activity-logs-batch.json");

    private AzureFixtures() {
    }

    static List<Fixture> match() {
        return RuleFixtures.match("azure_");
    }

    static List<Fixture> nomatch() {
        return RuleFixtures.nomatch("azure_");
    }

    /** The records of the bundled Event Hubs example batch (attacks, benign operations and sign-ins). */
    static List<JsonNode> exampleRecords() {
        List<JsonNode> out = new ArrayList<>();
        read(EXAMPLE_BATCH).get("records").forEach(out::add);
        return out;
    }

    static JsonNode read(Path f) {
        return RuleFixtures.read(f);
    }

    /** A diagnostic-settings document, as one Event Hubs event body: {"records":[...]}. */
    static String document(List<String> records) {
        return "{\"records\":[" + String.join(",", records) + "]}";
    }
}
