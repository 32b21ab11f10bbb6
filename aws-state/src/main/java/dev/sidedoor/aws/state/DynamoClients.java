package dev.sidedoor.aws.state;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client: the JDK URLConnection transport (no Apache, no Netty), the SDK's standard retries with a
 * short budget. The baseline fails open, so a table that does not answer within a few seconds must not hold a
 * notification back for longer.
 */
public final class DynamoClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);
    static final int ATTEMPTS = 3;

    private DynamoClients() {
    }

    /** Region and credentials from the default chains (the Lambda environment). */
    public static DynamoDbClient create() {
        return builder().build();
    }

    /** An explicit endpoint, region and credentials (moto in tests, a named profile in the CLI). */
    public static DynamoDbClient create(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        DynamoDbClientBuilder b = builder().region(region).credentialsProvider(credentials);
        return (endpoint == null ? b : b.endpointOverride(endpoint)).build();
    }

    private static DynamoDbClientBuilder builder() {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(CALL_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(ATTEMPTS)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50),
                                        Duration.ofSeconds(1)))
                                .circuitBreakerEnabled(false)
                                .build())
                        .build());
    }
}
