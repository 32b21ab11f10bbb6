package dev.sidedoor.aws.state;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.EndpointTag;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceEndpointKey;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One AWS service endpoint spoken to directly: a POST signed with SigV4 from the SDK's credentials chain, sent over
 * the SDK's URLConnection transport. The functions call two operations of two services (DynamoDB's item calls and
 * SNS Publish); a generated SDK client per service would cost its jar and, on a Lambda cold start, more class loading
 * than all of sidedoor's detection (measured: the SNS client build alone took 409 to 477 ms of a 1.1 s cold path).
 * The SDK still does what is worth sharing: signing, credentials, regions and the HTTP connection.
 */
public final class SignedHttp implements AutoCloseable {

    /** What the endpoint answered: its status and body (bounded). */
    public record Response(int status, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final long MAX_RESPONSE = 16L << 20;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final String signingName;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private SignedHttp(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint,
            String signingName) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.signingName = signingName;
    }

    /**
     * @param service     the endpoint prefix and signing name ("dynamodb", "sns")
     * @param endpoint    an explicit endpoint (moto, a VPC endpoint), or null for the SDK's choice
     *                    ({@link #endpoint(String, Region, Map)})
     * @param region      null for the default chain's (AWS_REGION on Lambda)
     * @param credentials the identity requests are signed with
     */
    public static SignedHttp create(String service, URI endpoint, Region region, AwsCredentialsProvider credentials,
            Duration connectTimeout, Duration socketTimeout) {
        Region r = region != null ? region : new DefaultAwsRegionProviderChain().getRegion();
        URI to = endpoint != null ? endpoint : endpoint(service, r, System.getenv());
        SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout)
                .socketTimeout(socketTimeout).build();
        return new SignedHttp(http, credentials, r, to, service);
    }

    /**
     * Where the SDK's own client would send {@code service}'s requests: the endpoint its settings name
     * ({@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}, unless
     * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true), else the SDK's endpoint data for the
     * region, honouring {@code AWS_USE_FIPS_ENDPOINT} and {@code AWS_USE_DUALSTACK_ENDPOINT} (and their system
     * properties) as the SDK does.
     */
    static URI endpoint(String service, Region region, Map<String, String> env) {
        String url = null;
        if (!on(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "aws.ignoreConfiguredEndpointUrls")) {
            url = env.get("AWS_ENDPOINT_URL_" + service.toUpperCase(java.util.Locale.ROOT));
            if (url == null || url.isBlank()) {
                url = env.get("AWS_ENDPOINT_URL");
            }
        }
        if (url != null && !url.isBlank()) {
            return URI.create(url.strip());
        }
        java.util.List<EndpointTag> tags = new java.util.ArrayList<>();
        if (on(env, "AWS_USE_FIPS_ENDPOINT", "aws.useFipsEndpoint")) {
            tags.add(EndpointTag.FIPS);
        }
        if (on(env, "AWS_USE_DUALSTACK_ENDPOINT", "aws.useDualstackEndpoint")) {
            tags.add(EndpointTag.DUALSTACK);
        }
        URI host = ServiceMetadata.of(service).endpointFor(ServiceEndpointKey.builder().region(region).tags(tags)
                .build());
        return host.getScheme() != null ? host : URI.create("https://" + host);
    }

    private static boolean on(Map<String, String> env, String variable, String property) {
        String v = System.getProperty(property);
        if (v == null) {
            v = env.get(variable);
        }
        return v != null && v.strip().equalsIgnoreCase("true");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Signs and sends one POST to the endpoint's root; transport failures are the IOException. */
    public Response post(Map<String, String> headers, byte[] payload) throws IOException {
        SignedRequest signed;
        try {
            signed = signer.sign(r -> r
                    .identity(credentials.resolveCredentials())
                    .request(request(endpoint, headers, payload.length))
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        } catch (RuntimeException e) {
            // No credentials, or none that can sign: not a transport failure, and not worth retrying.
            throw new IllegalStateException("cannot sign a " + signingName + " request: " + e.getMessage(), e);
        }
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build()).call();
        int status = response.httpResponse().statusCode();
        byte[] body = response.responseBody().isPresent() ? read(response.responseBody().get()) : new byte[0];
        return new Response(status, body);
    }

    private static SdkHttpFullRequest request(URI endpoint, Map<String, String> headers, int length) {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint);
        headers.forEach(b::putHeader);
        return b.putHeader("Content-Length", Integer.toString(length)).build();
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            byte[] b = in.readNBytes((int) MAX_RESPONSE + 1);
            if (b.length > MAX_RESPONSE) {
                throw new IOException("the endpoint answered with more than " + MAX_RESPONSE + " bytes");
            }
            return b;
        }
    }

    /**
     * Loads the signing path without sending anything or reading any credentials: for init (beside the rules) and
     * before a SnapStart snapshot.
     */
    public static void primeSigner(String service, Map<String, String> headers, byte[] payload) {
        AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("priming", "priming"))
                .request(request(URI.create("https://" + service + ".us-east-1.amazonaws.com"), headers,
                        payload.length))
                .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    }

    /**
     * Sleeps before attempt {@code attempt} (2 or more): exponential from {@code base}, capped, with jitter over the
     * upper half so that concurrent invocations spread out.
     */
    public static void backOff(int attempt, Duration base, Duration max) {
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(20, attempt - 2));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
