package dev.sidedoor.aws.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The endpoint a request goes to is the one the SDK's own client would choose from the same settings. */
class SignedHttpTest {

    private static String host(String service, Region region, Map<String, String> env) {
        return SignedHttp.endpoint(service, region, env).toString();
    }

    @Test
    void theRegionsPublicEndpointInItsPartition() {
        assertEquals("https://sns.eu-west-1.amazonaws.com", host("sns", Region.EU_WEST_1, Map.of()));
        assertEquals("https://dynamodb.us-east-1.amazonaws.com", host("dynamodb", Region.US_EAST_1, Map.of()));
        assertEquals("https://sns.cn-north-1.amazonaws.com.cn", host("sns", Region.CN_NORTH_1, Map.of()));
    }

    @Test
    void fipsAndDualStackWhenAskedFor() {
        assertEquals("https://sns-fips.us-east-1.amazonaws.com",
                host("sns", Region.US_EAST_1, Map.of("AWS_USE_FIPS_ENDPOINT", "true")));
        assertEquals("https://dynamodb-fips.us-west-2.amazonaws.com",
                host("dynamodb", Region.US_WEST_2, Map.of("AWS_USE_FIPS_ENDPOINT", "TRUE")));
        assertEquals("https://sns.us-east-1.amazonaws.com",
                host("sns", Region.US_EAST_1, Map.of("AWS_USE_FIPS_ENDPOINT", "false")));
        assertEquals("https://sns.us-east-1.api.aws",
                host("sns", Region.US_EAST_1, Map.of("AWS_USE_DUALSTACK_ENDPOINT", "true")));
    }

    @Test
    void anEndpointNamedInTheEnvironmentWinsServiceFirst() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://localhost:1", "AWS_ENDPOINT_URL_SNS",
                " http://localhost:2 ", "AWS_USE_FIPS_ENDPOINT", "true");
        assertEquals(URI.create("http://localhost:2"), SignedHttp.endpoint("sns", Region.US_EAST_1, env));
        assertEquals(URI.create("http://localhost:1"), SignedHttp.endpoint("dynamodb", Region.US_EAST_1, env));
        Map<String, String> ignored = new java.util.HashMap<>(env);
        ignored.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        assertEquals("https://sns-fips.us-east-1.amazonaws.com", host("sns", Region.US_EAST_1, ignored));
    }
}
