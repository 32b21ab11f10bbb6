package dev.sidedoor.aws.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The five DynamoDB operations sidedoor uses (GetItem, PutItem, UpdateItem, DeleteItem, Query), spoken directly in
 * DynamoDB's JSON protocol over the SDK's signer, credentials chain and URLConnection transport, which the Lambda
 * already ships for SNS. The SDK's DynamoDB module would add 2.5 MB to the function's jar and its class loading
 * to the cold path for five calls.
 *
 * <p>Throttling, 5xx and I/O errors are retried with jittered exponential backoff; what still fails is a
 * {@link DynamoException} naming the operation, the table and DynamoDB's own error type.
 */
public final class DynamoApi implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    static final int ATTEMPTS = 3;
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    /** Sends writes and member queries side by side: a dozen round trips cost about one. Daemon threads, made lazily. */
    static final java.util.concurrent.Executor WRITERS = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "sidedoor-dynamodb-writer");
        t.setDaemon(true);
        return t;
    });
    private static final long MAX_RESPONSE = 16L << 20;

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

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private DynamoApi(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** Region and credentials from the default chains (the Lambda environment), the region's public endpoint. */
    public static DynamoApi create() {
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        // The SDK's own endpoint settings, honoured the same way (VPC endpoints, FIPS, local tests).
        String endpoint = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = System.getenv("AWS_ENDPOINT_URL");
        }
        return create(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip()), region,
                DefaultCredentialsProvider.builder().build());
    }

    /** An explicit endpoint (null: the region's), region and credentials: moto in tests, a profile in the CLI. */
    public static DynamoApi create(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        if (region == null) {
            region = new DefaultAwsRegionProviderChain().getRegion();
        }
        SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT).build();
        URI to = endpoint != null ? endpoint : URI.create("https://dynamodb." + region.id() + "."
                + region.metadata().partition().dnsSuffix());
        return new DynamoApi(http, credentials, region, to);
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
                pause(attempt);
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
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .putHeader("Content-Length", Integer.toString(payload.length))
                .build();
        try {
            SignedRequest signed = signer.sign(r -> r
                    .identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            int status = response.httpResponse().statusCode();
            byte[] answer = response.responseBody().isPresent() ? read(response.responseBody().get()) : new byte[0];
            JsonNode json = Json.parse(answer);
            if (status / 100 == 2) {
                return json;
            }
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

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            byte[] b = in.readNBytes((int) MAX_RESPONSE + 1);
            if (b.length > MAX_RESPONSE) {
                throw new IOException("DynamoDB answered with more than " + MAX_RESPONSE + " bytes");
            }
            return b;
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

    private static void pause(int attempt) {
        long cap = Math.min(1000L, 50L << (attempt - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create("https://dynamodb.us-east-1.amazonaws.com"))
                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("X-Amz-Target", TARGET_PREFIX + "GetItem").build();
            AwsV4HttpSigner.create().sign(r -> r
                    .identity(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("priming", "priming"))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
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
