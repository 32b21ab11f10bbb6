package dev.sidedoor.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For integration tests of the function with its tables: the local Event Grid and blob Azurite of
 * {@link WithLocalAzure}, plus an Azurite table service; each test takes fresh tables.
 */
abstract class StatefulAzure extends WithLocalAzure {

    static LocalTables tables;

    @BeforeAll
    static void startTables() throws Exception {
        tables = LocalTables.start(azure.tls, azure.identity, azure.http);
    }

    @AfterAll
    static void stopTables() {
        if (tables != null) {
            tables.close();
            tables = null;
        }
    }

    /** App settings with a fresh baseline table and ledger table. */
    static Map<String, String> statefulEnv(String minSeverity) {
        Map<String, String> env = new HashMap<>(azure.env(minSeverity));
        env.putAll(tables.settings());
        return env;
    }

    /** Every CloudEvent Event Grid has received so far, in order. */
    static List<JsonNode> published() {
        List<JsonNode> events = new ArrayList<>();
        for (LocalEventGrid.Request r : azure.grid.requests()) {
            try {
                AzureFixtures.JSON.readTree(r.body()).forEach(events::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("id").asText()).toList();
    }

    /** One Event Hubs event holding {@code records}. */
    static String body(List<JsonNode> records) {
        return AzureFixtures.document(records.stream().map(JsonNode::toString).toList());
    }

    /** A fixture record as another stage of its operation: Start, Accept, Success or Failure. */
    static ObjectNode stage(JsonNode record, String resultType, String resultSignature) {
        ObjectNode r = record.deepCopy();
        r.put("resultType", resultType);
        r.put("resultSignature", resultSignature);
        return r;
    }

    /** The record as another operation of the same kind: a correlation id of its own. */
    static ObjectNode another(JsonNode record, String seed) {
        ObjectNode r = record.deepCopy();
        String id = UUID.nameUUIDFromBytes((seed + r.path("correlationId").asText()).getBytes()).toString();
        r.put("correlationId", id);
        return r;
    }

    /** Runs one batch through {@code handler}; returns the invocation's log. */
    static TestContext run(BatchHandler handler, String invocation, List<String> bodies) {
        TestContext context = new TestContext(invocation);
        ActivityLogFunctionIT.Batch b = ActivityLogFunctionIT.batch("0", 100, bodies);
        new ActivityLogFunction(() -> handler, Map.of(), azure.clients()).run(b.bodies(), b.partitionContext(),
                b.systemProperties(), context);
        return context;
    }

    static JsonNode summary(TestContext context) throws Exception {
        return ActivityLogFunctionIT.summary(context);
    }
}
