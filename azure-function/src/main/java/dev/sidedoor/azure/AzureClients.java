package dev.sidedoor.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.models.CloudEvent;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.net.URI;
import java.time.Duration;

/**
 * The Azure clients, all on the JDK's HttpClient (no Netty) and all authenticated by the app's managed identity,
 * so the topic and the storage account can refuse keys. Built once per worker and shared by every invocation.
 */
final class AzureClients {

    /** First retry delay; each later one doubles, with jitter, up to {@link #MAX_DELAY}. */
    static final Duration BASE_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private AzureClients() {
    }

    static HttpClient httpClient() {
        return httpClient(java.net.http.HttpClient.newBuilder());
    }

    /** Over a given JDK builder (tests give one that trusts their local TLS endpoint). */
    static HttpClient httpClient(java.net.http.HttpClient.Builder jdk) {
        return new JdkHttpClientBuilder(jdk)
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    static TokenCredential managedIdentity(String clientId) {
        ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
        if (clientId != null) {
            b.clientId(clientId);
        }
        return b.build();
    }

    /**
     * The topic's publisher: {@code maxAttempts} attempts per request in all, exponential backoff between them.
     * azure-core retries timeouts, connection failures, 408, 429 and 5xx (but 501 and 505), honouring Retry-After.
     */
    static EventGridPublisherClient<CloudEvent> eventGrid(URI endpoint, TokenCredential credential, HttpClient http,
            int maxAttempts, Duration baseDelay) {
        ExponentialBackoffOptions backoff = new ExponentialBackoffOptions()
                .setMaxRetries(maxAttempts - 1)
                .setBaseDelay(baseDelay)
                .setMaxDelay(baseDelay.compareTo(MAX_DELAY) > 0 ? baseDelay : MAX_DELAY);
        return new EventGridPublisherClientBuilder()
                .endpoint(endpoint.toString())
                .credential(credential)
                .httpClient(http)
                .retryOptions(new RetryOptions(backoff))
                .buildCloudEventPublisherClient();
    }

    static BlobContainerClient deadLetterContainer(URI blobEndpoint, String container, TokenCredential credential,
            HttpClient http) {
        return deadLetterContainer(blobEndpoint, container, credential, http, BASE_DELAY);
    }

    /** The dead-letter container: 4 tries per request, exponential backoff from {@code baseDelay}. */
    static BlobContainerClient deadLetterContainer(URI blobEndpoint, String container, TokenCredential credential,
            HttpClient http, Duration baseDelay) {
        return new BlobContainerClientBuilder()
                .endpoint(blobEndpoint.toString())
                .containerName(container)
                .credential(credential)
                .httpClient(http)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 4, Duration.ofSeconds(30),
                        baseDelay, baseDelay.compareTo(MAX_DELAY) > 0 ? baseDelay : MAX_DELAY, null))
                .buildClient();
    }

    /**
     * A table of the app's storage account: 4 tries per request (azure-core retries timeouts, connection failures,
     * 408, 429 and 5xx with exponential backoff from {@code baseDelay}). What still fails is the store's
     * "unavailable", and the batch fails open.
     */
    static TableClient table(URI tableEndpoint, String table, TokenCredential credential, HttpClient http,
            Duration baseDelay) {
        ExponentialBackoffOptions backoff = new ExponentialBackoffOptions()
                .setMaxRetries(3)
                .setBaseDelay(baseDelay)
                .setMaxDelay(baseDelay.compareTo(MAX_DELAY) > 0 ? baseDelay : MAX_DELAY);
        return new TableClientBuilder()
                .endpoint(tableEndpoint.toString())
                .tableName(table)
                .credential(credential)
                .httpClient(http)
                .retryOptions(new RetryOptions(backoff))
                .buildClient();
    }
}
