package bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The cold-start baseline: the least an SNS-publishing Lambda does. The client is built at init, the way a minimal
 * function would build it (URLConnection transport, region and credentials from the default chains); each
 * invocation reads the event and publishes "hello" plus the event's length to SIDEDOOR_TOPIC_ARN.
 */
public final class HelloHandler implements RequestStreamHandler {

    private final SnsClient sns;
    private final String topicArn;

    public HelloHandler() {
        this.topicArn = System.getenv("SIDEDOOR_TOPIC_ARN");
        if (topicArn == null || topicArn.isBlank()) {
            throw new IllegalStateException("SIDEDOOR_TOPIC_ARN is not set");
        }
        this.sns = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        String id = sns.publish(b -> b.topicArn(topicArn).message("hello " + event.length)).messageId();
        output.write(("{\"message_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
