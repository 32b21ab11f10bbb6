package dev.sidedoor.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * Builds the one SNS client a container uses. The JDK's URLConnection transport keeps Apache and Netty out of the
 * jar; retries are the SDK's standard strategy (exponential backoff with jitter, throttling and 5xx and I/O errors
 * retried) with the attempts from the configuration and no circuit breaker, so every finding gets every attempt.
 */
final class SnsClients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(4);

    private SnsClients() {
    }

    /** The client for the Lambda environment: region and credentials from the default chains. */
    static SnsClient create(Config config) {
        return builder(config.maxAttempts()).build();
    }

    /** A client for an explicit endpoint, region and credentials (tests against moto, benchmarks). */
    static SnsClient create(int maxAttempts, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return builder(maxAttempts).endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .build();
    }

    private static SnsClientBuilder builder(int maxAttempts) {
        return SnsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(BACKOFF_BASE, BACKOFF_MAX))
                                .circuitBreakerEnabled(false)
                                .build())
                        .build());
    }
}
