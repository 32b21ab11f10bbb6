package dev.sidedoor.azure;

import dev.sidedoor.core.scan.FunctionSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The function's settings, read once from its app settings. Every problem names the setting, so a bad deploy fails
 * at the first batch with a message that says what to fix.
 *
 * @param eventGridEndpoint   the Event Grid topic endpoint findings are published to (SIDEDOOR_EVENTGRID_ENDPOINT)
 * @param deadLetterBlobUri   the blob endpoint of the app's storage account (SIDEDOOR_DEADLETTER_BLOB_URI, else
 *                            derived from AzureWebJobsStorage__blobServiceUri or AzureWebJobsStorage__accountName)
 * @param deadLetterContainer the container for what could not be published or read (SIDEDOOR_DEADLETTER_CONTAINER)
 * @param identityClientId    client id of a user-assigned identity, or null for the system identity
 *                            (SIDEDOOR_IDENTITY_CLIENT_ID)
 * @param shared              minimum severity, format, rules, tuning and publish attempts
 */
record Config(URI eventGridEndpoint, URI deadLetterBlobUri, String deadLetterContainer, String identityClientId,
        FunctionSettings shared) {

    /** Storage container names: 3-63 lower-case letters, digits and single hyphens. */
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

    /** Every setting the function reads itself (the trigger's own are in the binding, not here). */
    static final List<String> VARIABLES = Stream.concat(Stream.of("SIDEDOOR_EVENTGRID_ENDPOINT",
            "SIDEDOOR_DEADLETTER_BLOB_URI", "SIDEDOOR_DEADLETTER_CONTAINER", "SIDEDOOR_IDENTITY_CLIENT_ID"),
            FunctionSettings.VARIABLES.stream()).toList();

    static Config fromEnvironment(Map<String, String> env) {
        String endpoint = FunctionSettings.value(env, "SIDEDOOR_EVENTGRID_ENDPOINT");
        if (endpoint == null) {
            throw new IllegalStateException("SIDEDOOR_EVENTGRID_ENDPOINT is not set: the function needs the endpoint "
                    + "of the Event Grid topic (https://TOPIC.REGION-1.eventgrid.azure.net/api/events)");
        }
        return new Config(https("SIDEDOOR_EVENTGRID_ENDPOINT", endpoint), deadLetterBlobUri(env),
                deadLetterContainer(env), identityClientId(env), FunctionSettings.fromEnvironment(env));
    }

    static String identityClientId(Map<String, String> env) {
        return FunctionSettings.value(env, "SIDEDOOR_IDENTITY_CLIENT_ID");
    }

    static String deadLetterContainer(Map<String, String> env) {
        String container = FunctionSettings.orDefault(env, "SIDEDOOR_DEADLETTER_CONTAINER", "sidedoor-deadletter");
        if (!CONTAINER.matcher(container).matches()) {
            throw new IllegalStateException("SIDEDOOR_DEADLETTER_CONTAINER is '" + container + "', which is not a "
                    + "valid container name (3-63 lower-case letters, digits and single hyphens)");
        }
        return container;
    }

    static URI deadLetterBlobUri(Map<String, String> env) {
        String explicit = FunctionSettings.value(env, "SIDEDOOR_DEADLETTER_BLOB_URI");
        if (explicit != null) {
            return https("SIDEDOOR_DEADLETTER_BLOB_URI", explicit);
        }
        String hostStorage = FunctionSettings.value(env, "AzureWebJobsStorage__blobServiceUri");
        if (hostStorage != null) {
            return https("AzureWebJobsStorage__blobServiceUri", hostStorage);
        }
        String account = FunctionSettings.value(env, "AzureWebJobsStorage__accountName");
        if (account != null) {
            return https("AzureWebJobsStorage__accountName", "https://" + account + ".blob.core.windows.net");
        }
        throw new IllegalStateException("SIDEDOOR_DEADLETTER_BLOB_URI is not set, and neither is "
                + "AzureWebJobsStorage__blobServiceUri nor AzureWebJobsStorage__accountName: the function needs the "
                + "blob endpoint of its storage account for dead letters");
    }

    /** Managed-identity tokens are only ever sent over TLS; anything else is a deploy mistake. */
    private static URI https(String name, String text) {
        try {
            URI uri = new URI(text);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalStateException(name + " is '" + text + "', which is not an https:// URL");
    }
}
