package dev.sidedoor.aws.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The five DynamoDB operations sidedoor uses (GetItem, PutItem, UpdateItem, DeleteItem, Query), spoken directly in
 * DynamoDB's JSON protocol through {@link SignedHttp} (the SDK's signer, credentials chain and URLConnection
 * transport). The SDK's DynamoDB module would add 2.5 MB to the function's jar and its class loading to the cold
 * path for five calls.
 *
 * <p>Throttling, 5xx and I/O errors are retried with jittered exponential backoff; what still fails is a
 * {@link DynamoException} naming the operation, the table and DynamoDB's own error type.
 */
public final class DynamoApi implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    static final int ATTEMPTS = 3;
    static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(1);
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    /** Sends writes and member queries side by side: a dozen round trips cost about one. Daemon threads, made lazily. */
    static final java.util.concurrent.Executor WRITERS = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "sidedoor-dynamodb-writer");
        t.setDaemon(true);
        return t;
    });

    /** A request DynamoDB refused or that could not be sent after every attempt. */
    public static final class DynamoException extends RuntimeException {
        private final String type;

        DynamoException(String message, String type, Throwable cause) {
            super(message, cause);
            this.type = type;
        }

        /** DynamoDB's error type without its namespace (ConditionalCheckFailedException...), or "IOException". */
        public String type() {
            return type;
        }

        public boolean conditionFailed() {
            return "ConditionalCheckFailedException".equals(type);
        }
    }

    private final SignedHttp http;

    private DynamoApi(SignedHttp http) {
        this.http = http;
    }

    /** Region and credentials from the default chains (the Lambda environment), the SDK's endpoint settings. */
    public static DynamoApi create() {
        return create(null, null, DefaultCredentialsProvider.builder().build());
    }

    /**
     * An explicit endpoint (null: the one AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL names, else the region's),
     * region (null: the default chain's) and credentials: moto in tests, a profile in the CLI.
     */
    public static DynamoApi create(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new DynamoApi(SignedHttp.create("dynamodb", endpoint, region, credentials, CONNECT_TIMEOUT,
                SOCKET_TIMEOUT));
    }

    /** Sends one operation with its JSON body; returns DynamoDB's JSON answer. */
    public JsonNode call(String operation, ObjectNode body) {
        byte[] payload;
        try {
            payload = Json.write(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a DynamoDB request", e);
        }
        String table = body.path("TableName").asText("?");
        DynamoException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                SignedHttp.backOff(attempt, BACKOFF_BASE, BACKOFF_MAX);
            }
            try {
                return send(operation, payload);
            } catch (DynamoException e) {
                if (!retryable(e.type())) {
                    throw new DynamoException(operation + " on " + table + ": " + e.getMessage(), e.type(), e);
                }
                last = e;
            }
        }
        throw new DynamoException(operation + " on " + table + " failed " + ATTEMPTS + " times; last: "
                + last.getMessage(), last.type(), last);
    }

    private JsonNode send(String operation, byte[] payload) {
        try {
            SignedHttp.Response response = http.post(Map.of("Content-Type", "application/x-amz-json-1.0",
                    "X-Amz-Target", TARGET_PREFIX + operation), payload);
            JsonNode json = Json.parse(response.body());
            if (response.ok()) {
                return json;
            }
            int status = response.status();
            String type = json.path("__type").asText("HTTP " + status);
            type = type.substring(type.lastIndexOf('#') + 1);
            String message = json.has("message") ? json.path("message").asText() : json.path("Message").asText("");
            throw new DynamoException(type + (message.isEmpty() ? "" : ": " + message) + " (HTTP " + status + ")",
                    status >= 500 ? "ServerError" : type, null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DynamoException d) {
                throw d;
            }
            throw new DynamoException(e.getClass().getSimpleName() + ": " + e.getMessage(), "IOException", e);
        }
    }

    private static boolean retryable(String type) {
        return switch (type) {
            case "IOException", "ServerError", "ThrottlingException", "ProvisionedThroughputExceededException",
                    "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable",
                    "TransactionConflictException" -> true;
            default -> false;
        };
    }

    /**
     * Loads and runs the request path once without sending anything: the JSON writer and reader, key digests, the
     * SigV4 signer and the background threads. Run at init (in parallel with the rules) and before a SnapStart
     * snapshot, so the first judgement does not pay for it.
     */
    public static void prime() {
        try {
            ObjectNode body = Json.object();
            body.put("TableName", "priming");
            body.set("Key", Keys.item("d", "priming"));
            byte[] payload = Json.write(body);
            Json.parse(payload);
            SignedHttp.primeSigner("dynamodb", Map.of("Content-Type", "application/x-amz-json-1.0",
                    "X-Amz-Target", TARGET_PREFIX + "GetItem"), payload);
            java.util.concurrent.CompletableFuture.runAsync(() -> { }, WRITERS).join();
        } catch (IOException | RuntimeException e) {
            // Priming is an optimisation: the real path reports its own errors.
        }
    }

    /**
     * {@link #prime()}, then one real read of {@code table} (its first-day item, 0.5 RRU): resolves the
     * credentials, opens the connection and runs the response path, off the first event's critical path. Errors
     * are left to the real requests to report.
     */
    public void warm(String table) {
        prime();
        try {
            ObjectNode req = Json.object();
            req.put("TableName", table);
            req.set("Key", Keys.item("m", DynamoBaselineStore.FIRST_DAY_KEY));
            send("GetItem", Json.write(req));
        } catch (IOException | RuntimeException e) {
            // The first judgement will meet the same problem and fail open with its message.
        }
    }

    /** Where requests that need not hold the caller run (writes, member queries, the ledger's read-ahead). */
    public static java.util.concurrent.Executor background() {
        return WRITERS;
    }

    @Override
    public void close() {
        http.close();
    }
}
