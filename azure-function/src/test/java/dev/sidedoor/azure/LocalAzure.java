package dev.sidedoor.azure;

import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the integration tests run against: a local HTTPS endpoint in place of the Event Grid topic, a real Azurite
 * for the app's storage account, and the function wired exactly as in Azure (same clients, same retry policy,
 * bearer tokens over TLS) except for the token source and a short first retry delay.
 */
final class LocalAzure implements AutoCloseable {

    static final String CONTAINER = "sidedoor-deadletter";
    static final int ATTEMPTS = 3;

    final TestTls tls;
    final LocalEventGrid grid;
    final Azurite azurite;
    final TestIdentity identity = new TestIdentity();
    final HttpClient http;

    private LocalAzure(TestTls tls, LocalEventGrid grid, Azurite azurite) {
        this.tls = tls;
        this.grid = grid;
        this.azurite = azurite;
        this.http = AzureClients.httpClient(tls.clientBuilder());
    }

    static LocalAzure start() throws Exception {
        TestTls tls = TestTls.get();
        LocalEventGrid grid = LocalEventGrid.start(tls);
        Azurite azurite;
        try {
            azurite = Azurite.start(tls);
        } catch (RuntimeException | IOException | InterruptedException e) {
            grid.close();
            throw e;
        }
        LocalAzure local = new LocalAzure(tls, grid, azurite);
        local.container().createIfNotExists();
        return local;
    }

    /** The function's app settings, pointing at the local endpoints. */
    Map<String, String> env(String minSeverity) {
        Map<String, String> env = new HashMap<>();
        env.put("SIDEDOOR_EVENTGRID_ENDPOINT", grid.endpoint().toString());
        env.put("SIDEDOOR_DEADLETTER_BLOB_URI", azurite.blobEndpoint().toString());
        env.put("SIDEDOOR_DEADLETTER_CONTAINER", CONTAINER);
        env.put("SIDEDOOR_MIN_SEVERITY", minSeverity);
        env.put("SIDEDOOR_PUBLISH_MAX_ATTEMPTS", String.valueOf(ATTEMPTS));
        return env;
    }

    BatchHandler handler(Map<String, String> env) {
        return BatchHandler.create(Config.fromEnvironment(env), identity, http, Duration.ofMillis(20),
                Clock.systemUTC());
    }

    /** The function as the Functions worker would call it, with this handler. */
    ActivityLogFunction function(Map<String, String> env) {
        BatchHandler handler = handler(env);
        return new ActivityLogFunction(() -> handler, env, clients());
    }

    Unprocessed.Clients clients() {
        return new Unprocessed.Clients() {
            @Override
            public com.azure.core.credential.TokenCredential credential(String identityClientId) {
                return identity;
            }

            @Override
            public HttpClient http() {
                return http;
            }
        };
    }

    BlobContainerClient container() {
        return AzureClients.deadLetterContainer(azurite.blobEndpoint(), CONTAINER, identity, http);
    }

    /** The dead-letter blobs under a prefix, parsed, in name order. */
    List<JsonNode> deadLetters(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        for (BlobItem b : container().listBlobs()) {
            if (b.getName().startsWith(prefix + "/")) {
                names.add(b.getName());
            }
        }
        names.sort(null);
        List<JsonNode> out = new ArrayList<>();
        for (String n : names) {
            JsonNode blob = AzureFixtures.JSON.readTree(container().getBlobClient(n).downloadContent().toBytes());
            ((com.fasterxml.jackson.databind.node.ObjectNode) blob).put("_blob_name", n);
            out.add(blob);
        }
        return out;
    }

    /** Removes every dead letter, so each test sees only its own. */
    void clearDeadLetters() {
        for (BlobItem b : container().listBlobs()) {
            container().getBlobClient(b.getName()).delete();
        }
    }

    @Override
    public void close() {
        azurite.close();
        grid.close();
    }
}
