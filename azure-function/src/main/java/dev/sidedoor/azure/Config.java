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
 * @param tables              the baseline and ledger tables, or {@link Tables#NONE}
 * @param shared              minimum severity, format, rules, tuning and publish attempts
 */
record Config(URI eventGridEndpoint, URI deadLetterBlobUri, String deadLetterContainer, String identityClientId,
        Tables tables, FunctionSettings shared) {

    /**
     * The state kept in Table storage; each table is optional, and without either the function behaves as it did
     * before it had state (every finding at its rule's level, a redelivery published again).
     *
     * @param endpoint      the table endpoint of the storage account (SIDEDOOR_TABLE_URI, else derived from
     *                      AzureWebJobsStorage__tableServiceUri or AzureWebJobsStorage__accountName); null when
     *                      neither table is set
     * @param baselineTable each person's routine (SIDEDOOR_BASELINE_TABLE), or null: no baselines
     * @param ledgerTable   what was notified, per operation (SIDEDOOR_LEDGER_TABLE), or null: no ledger
     */
    record Tables(URI endpoint, String baselineTable, String ledgerTable) {
        static final Tables NONE = new Tables(null, null, null);
    }

    /** Table names: 3-63 letters and digits, starting with a letter. */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");

    /** Storage container names: 3-63 lower-case letters, digits and single hyphens. */
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

    /** Every setting the function reads itself (the trigger's own are in the binding, not here). */
    static final List<String> VARIABLES = Stream.concat(Stream.of("SIDEDOOR_EVENTGRID_ENDPOINT",
            "SIDEDOOR_DEADLETTER_BLOB_URI", "SIDEDOOR_DEADLETTER_CONTAINER", "SIDEDOOR_IDENTITY_CLIENT_ID",
            "SIDEDOOR_BASELINE_TABLE", "SIDEDOOR_LEDGER_TABLE", "SIDEDOOR_TABLE_URI"),
            FunctionSettings.VARIABLES.stream()).toList();

    static Config fromEnvironment(Map<String, String> env) {
        String endpoint = FunctionSettings.value(env, "SIDEDOOR_EVENTGRID_ENDPOINT");
        if (endpoint == null) {
            throw new IllegalStateException("SIDEDOOR_EVENTGRID_ENDPOINT is not set: the function needs the endpoint "
                    + "of the Event Grid topic (https://TOPIC.REGION-1.eventgrid.azure.net/api/events)");
        }
        return new Config(https("SIDEDOOR_EVENTGRID_ENDPOINT", endpoint), deadLetterBlobUri(env),
                deadLetterContainer(env), identityClientId(env), tables(env), FunctionSettings.fromEnvironment(env));
    }

    static Tables tables(Map<String, String> env) {
        String baseline = table(env, "SIDEDOOR_BASELINE_TABLE");
        String ledger = table(env, "SIDEDOOR_LEDGER_TABLE");
        if (baseline == null && ledger == null) {
            return Tables.NONE;
        }
        return new Tables(tableUri(env), baseline, ledger);
    }

    private static String table(Map<String, String> env, String name) {
        String value = FunctionSettings.value(env, name);
        if (value != null && !TABLE.matcher(value).matches()) {
            throw new IllegalStateException(name + " is '" + value + "', which is not a valid table name (3-63 "
                    + "letters and digits, starting with a letter)");
        }
        return value;
    }

    static URI tableUri(Map<String, String> env) {
        String explicit = FunctionSettings.value(env, "SIDEDOOR_TABLE_URI");
        if (explicit != null) {
            return https("SIDEDOOR_TABLE_URI", explicit);
        }
        String hostStorage = FunctionSettings.value(env, "AzureWebJobsStorage__tableServiceUri");
        if (hostStorage != null) {
            return https("AzureWebJobsStorage__tableServiceUri", hostStorage);
        }
        String account = FunctionSettings.value(env, "AzureWebJobsStorage__accountName");
        if (account != null) {
            return https("AzureWebJobsStorage__accountName", "https://" + account + ".table.core.windows.net");
        }
        throw new IllegalStateException("SIDEDOOR_TABLE_URI is not set, and neither is "
                + "AzureWebJobsStorage__tableServiceUri nor AzureWebJobsStorage__accountName: the function needs the "
                + "table endpoint of its storage account for SIDEDOOR_BASELINE_TABLE and SIDEDOOR_LEDGER_TABLE");
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
