package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batches an attacker shaped, through the function method to the local Event Grid endpoint: a record whose time
 * overflows, and scripts carrying secrets. Each finding is published once, marked where it must be, and tells no
 * secret unless full command text was chosen.
 */
class HostileBatchIT extends WithLocalAzure {

    private static ObjectNode fixture(String rule, String fileStart) {
        return (ObjectNode) AzureFixtures.match().stream()
                .filter(f -> f.rule().equals(rule) && f.file().getFileName().toString().startsWith(fileStart))
                .findFirst().orElseThrow().record().deepCopy();
    }

    private static List<JsonNode> published() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (LocalEventGrid.Request r : azure.grid.requests()) {
            AzureFixtures.JSON.readTree(r.body()).forEach(events::add);
        }
        return events;
    }

    @Test
    void aRecordWhoseTimeOverflowsIsPublishedMarkedAndItsNeighboursToo() throws Exception {
        for (String format : List.of("sidedoor", "ocsf")) {
            azure.grid.clear();
            ObjectNode before = fixture("azure_serial_console_connect", "01");
            ObjectNode odd = fixture("azure_vm_run_command", "01");
            odd.put("time", "+999999999-12-31T23:59:59Z");
            ObjectNode after = fixture("azure_arc_machine_run_command", "01");
            Map<String, String> env = azure.env("informational");
            env.put("SIDEDOOR_FORMAT", format);
            TestContext context = new TestContext("inv-overflow-" + format);
            ActivityLogFunctionIT.batch("3", 10, List.of(AzureFixtures.document(List.of(before.toString(),
                    odd.toString(), after.toString())))).runOn(azure.function(env), context);
            List<JsonNode> events = published();
            List<String> types = events.stream().map(e -> e.path("type").asText()).sorted().toList();
            assertEquals(List.of("dev.sidedoor.finding.azure_arc_machine_run_command",
                    "dev.sidedoor.finding.azure_serial_console_connect", "dev.sidedoor.finding.azure_vm_run_command"),
                    types, format);
            JsonNode run = events.stream().filter(e -> e.path("type").asText().endsWith("azure_vm_run_command"))
                    .findFirst().orElseThrow();
            assertTrue(run.path("data").toString().contains("event time unparseable"), run.toString());
            assertFalse(run.has("time"), "an unreadable event time is left out of the CloudEvent, not invented");
            assertEquals(0, ActivityLogFunctionIT.summary(context).path("unpublished").asInt());
        }
    }

    @Test
    void secretsInScriptsAreRedactedInTheCloudEventUnlessFullTextIsChosen() throws Exception {
        ObjectNode record = fixture("azure_vm_extension_command_execution", "05");
        List<String> secrets = List.of("Qm9uZ3VzU2lnbmF0dXJlRm9yVGVzdHMx",
                "dGhpcy1pcy1ub3QtYS1yZWFsLWtleS1qdXN0", "Winter2026!Backup");
        for (String mode : List.of("redacted", "full")) {
            azure.grid.clear();
            Map<String, String> env = azure.env("informational");
            env.put("SIDEDOOR_COMMAND_TEXT", mode);
            ActivityLogFunctionIT.batch("3", 20, List.of(AzureFixtures.document(List.of(record.toString()))))
                    .runOn(azure.function(env), new TestContext("inv-secrets-" + mode));
            String data = published().toString();
            assertTrue(data.contains("azure_vm_extension_command_execution"), data);
            for (String s : secrets) {
                assertEquals(mode.equals("full"), data.contains(s), mode + ": " + s);
            }
            assertEquals(mode.equals("redacted"), data.contains("[redacted sha256:"), mode);
        }
    }
}
