package dev.sidedoor.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app folder azure-functions-maven-plugin packaged (what gets zipped and deployed): the function.json it
 * generated from the annotations, host.json, and lib/. The Functions host reads these and nothing else, so a
 * wrong binding name or setting here is a function that never runs, whatever the Java tests say.
 */
class PackagedFunctionIT {

    static final Path APP = Path.of("target", "azure-functions", "sidedoor");

    @Test
    void functionJsonHasTheEventHubTriggerWithCardinalityManyAndItsSettings() throws IOException {
        JsonNode function = AzureFixtures.read(APP.resolve(ActivityLogFunction.NAME).resolve("function.json"));
        assertEquals("dev.sidedoor.azure.ActivityLogFunction.run", function.path("entryPoint").asText());
        assertTrue(Files.isRegularFile(APP.resolve(ActivityLogFunction.NAME)
                .resolve(function.path("scriptFile").asText()).normalize()), function.path("scriptFile").asText());
        JsonNode bindings = function.path("bindings");
        assertEquals(1, bindings.size(), "the trigger is the only binding: publishing goes through the SDK");
        JsonNode trigger = bindings.get(0);
        assertEquals("eventHubTrigger", trigger.path("type").asText());
        assertEquals("in", trigger.path("direction").asText());
        assertEquals("events", trigger.path("name").asText());
        assertEquals("MANY", trigger.path("cardinality").asText());
        assertEquals("string", trigger.path("dataType").asText());
        assertEquals("SIDEDOOR_EVENTHUB", trigger.path("connection").asText(),
                "identity-based: the host reads SIDEDOOR_EVENTHUB__fullyQualifiedNamespace");
        assertEquals("%SIDEDOOR_EVENTHUB_NAME%", trigger.path("eventHubName").asText());
        assertEquals("%SIDEDOOR_EVENTHUB_CONSUMER_GROUP%", trigger.path("consumerGroup").asText());
        JsonNode retry = function.path("retry");
        assertEquals("exponentialBackoff", retry.path("strategy").asText());
        assertEquals(3, retry.path("maxRetryCount").asInt());
        assertEquals("00:00:05", retry.path("minimumInterval").asText());
        assertEquals("00:01:00", retry.path("maximumInterval").asText());
    }

    @Test
    void theAppSettingsTheTriggerNamesAreTheOnesTheBicepSets() throws IOException {
        String bicep = Files.readString(Path.of("..", "infra", "main.bicep"));
        List<String> required = new java.util.ArrayList<>(List.of("SIDEDOOR_EVENTHUB__fullyQualifiedNamespace",
                "SIDEDOOR_EVENTHUB_NAME", "SIDEDOOR_EVENTHUB_CONSUMER_GROUP"));
        // Optional settings the deployment leaves out unless asked (a user-assigned identity is not used).
        Config.VARIABLES.stream().filter(v -> !v.equals("SIDEDOOR_IDENTITY_CLIENT_ID")).forEach(required::add);
        for (String setting : required) {
            assertTrue(bicep.contains("name: '" + setting + "'"), setting + " is not an app setting in main.bicep");
        }
    }

    @Test
    void hostJsonBatchesEventHubsEventsAndTheExtensionBundleProvidesTheTrigger() throws IOException {
        JsonNode host = AzureFixtures.read(APP.resolve("host.json"));
        assertEquals("2.0", host.path("version").asText());
        JsonNode eventHubs = host.path("extensions").path("eventHubs");
        assertEquals(100, eventHubs.path("maxEventBatchSize").asInt());
        assertTrue(eventHubs.path("minEventBatchSize").asInt() < eventHubs.path("maxEventBatchSize").asInt());
        assertEquals(1, eventHubs.path("batchCheckpointFrequency").asInt());
        assertEquals("Microsoft.Azure.Functions.ExtensionBundle", host.path("extensionBundle").path("id").asText());
        assertTrue(host.path("extensionBundle").path("version").asText().startsWith("[4."));
    }

    @Test
    void libHoldsTheCoreAndTheJdkHttpClientButNoNettyOrNativeCode() throws IOException {
        List<String> jars;
        try (Stream<Path> s = Files.list(APP.resolve("lib"))) {
            jars = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("sidedoor-core-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("azure-core-http-jdk-httpclient-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("azure-messaging-eventgrid-")), jars.toString());
        assertFalse(jars.stream().anyMatch(j -> j.contains("netty")), jars.toString());
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("jna")), jars.toString());
    }
}
