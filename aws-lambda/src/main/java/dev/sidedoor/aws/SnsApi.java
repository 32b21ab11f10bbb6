package dev.sidedoor.aws;

import dev.sidedoor.aws.state.SignedHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * SNS Publish, the one SNS call the function makes, in SNS's Query protocol (a form-encoded POST, an XML answer)
 * through {@link SignedHttp}. The SDK's generated SNS client cost about 470 ms of CPU to build on a cold start
 * (endpoint rules, interceptors, protocol marshallers: as much as the rest of sidedoor's init together) and 1.1 MB
 * of jar for one operation.
 *
 * <p>Retries follow the SDK's standard strategy: I/O errors, 500/502/503/504 and throttling are retried with jittered
 * exponential backoff up to the configured attempts, with no circuit breaker, so every finding gets every attempt.
 * What still fails is an {@link SnsException} naming SNS's own error code.
 */
final class SnsApi implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(4);
    private static final Map<String, String> HEADERS = Map.of("Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8");
    private static final int ERROR_TEXT_MAX = 500;

    /** Error codes SNS (and the AWS front door) answer for requests that are worth sending again. */
    private static final Set<String> RETRYABLE_CODES = Set.of("Throttling", "ThrottlingException", "Throttled",
            "ThrottledException", "RequestThrottled", "RequestThrottledException", "TooManyRequestsException",
            "RequestLimitExceeded", "KMSThrottling", "InternalError", "InternalFailure", "ServiceUnavailable",
            "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete");

    /** One message attribute: SNS filter policies read these. */
    record Attribute(String dataType, String value) {
    }

    /**
     * One Publish call. {@code subject} may be null; attributes keep their order. {@code group} is the message group
     * on a FIFO topic (null: {@link #DEFAULT_GROUP}); a standard topic takes none.
     */
    record Message(String topicArn, String subject, String body, Map<String, Attribute> attributes, String group) {
        Message {
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }

        Message(String topicArn, String subject, String body, Map<String, Attribute> attributes) {
            this(topicArn, subject, body, attributes, null);
        }

        static Message of(String topicArn, String body) {
            return new Message(topicArn, null, body, Map.of());
        }
    }

    /** The message group of a message that names none, on a FIFO topic. */
    static final String DEFAULT_GROUP = "sidedoor";

    /** A message SNS refused, or that could not be sent after every attempt. */
    static final class SnsException extends RuntimeException {
        SnsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SignedHttp http;
    private final int maxAttempts;

    private SnsApi(SignedHttp http, int maxAttempts) {
        this.http = http;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** The Lambda environment's: region and credentials from the default chains, the SDK's endpoint settings. */
    static SnsApi create(Config config) {
        return create(config.maxAttempts(), null, null, DefaultCredentialsProvider.builder().build());
    }

    /** An explicit endpoint (null: the environment's or the region's), region and credentials: moto in tests. */
    static SnsApi create(int maxAttempts, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new SnsApi(SignedHttp.create("sns", endpoint, region, credentials, CONNECT_TIMEOUT, SOCKET_TIMEOUT),
                maxAttempts);
    }

    /** Publishes one message, retrying what is worth retrying; throws when it could not be published. */
    void publish(Message message) {
        byte[] form = form(message);
        SnsException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                SignedHttp.backOff(attempt, BACKOFF_BASE, BACKOFF_MAX);
            }
            Failure failure = send(form);
            if (failure == null) {
                return;
            }
            last = failure.error();
            if (!failure.retryable()) {
                throw last;
            }
        }
        throw new SnsException(last.getMessage() + " (after " + maxAttempts + " attempts)", last);
    }

    private record Failure(SnsException error, boolean retryable) {
    }

    private Failure send(byte[] form) {
        SignedHttp.Response response;
        try {
            response = http.post(HEADERS, form);
        } catch (IOException | RuntimeException e) {
            boolean transport = e instanceof IOException || e instanceof java.io.UncheckedIOException
                    || e.getCause() instanceof IOException;
            String what = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Failure(new SnsException("Unable to execute HTTP request to " + http.endpoint() + ": " + what,
                    e), transport);
        }
        if (response.ok()) {
            return null;
        }
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        String code = element(xml, "Code");
        String text = element(xml, "Message");
        int status = response.status();
        // The SDK's standard strategy: 500, 502, 503, 504 and 429, and the throttling and transient codes.
        boolean retryable = status == 500 || status == 502 || status == 503 || status == 504 || status == 429
                || (code != null && RETRYABLE_CODES.contains(code));
        String described = (code != null ? code : "HTTP " + status) + (text == null ? "" : ": " + text)
                + " (HTTP " + status + ")";
        return new Failure(new SnsException(described, null), retryable);
    }

    /**
     * The form SNS's Query protocol takes for Publish. Every value is percent-encoded (RFC 3986), so log-derived
     * text in the body or an attribute cannot add or change a parameter.
     */
    static byte[] form(Message m) {
        StringBuilder b = new StringBuilder(m.body().length() + 512);
        b.append("Action=Publish&Version=2010-03-31");
        param(b, "TopicArn", m.topicArn());
        if (m.subject() != null) {
            param(b, "Subject", m.subject());
        }
        param(b, "Message", m.body());
        int n = 0;
        for (Map.Entry<String, Attribute> e : m.attributes().entrySet()) {
            String entry = "MessageAttributes.entry." + (++n) + ".";
            param(b, entry + "Name", e.getKey());
            param(b, entry + "Value.DataType", e.getValue().dataType());
            param(b, entry + "Value.StringValue", e.getValue().value());
        }
        if (isFifo(m.topicArn())) {
            // A FIFO topic refuses a Publish without a group, and without a deduplication id unless the topic
            // derives one itself. The id is a digest of everything sent so far: a message sent again after a
            // timeout, a lost answer or a retried invocation is the same message, delivered once within SNS's
            // five-minute window; a finding that changed is another message.
            String digest = java.util.HexFormat.of().formatHex(ChatNotification.sha256(b.toString()));
            param(b, "MessageGroupId", groupId(m.group()));
            param(b, "MessageDeduplicationId", digest);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** SNS names FIFO topics so: the name must end in ".fifo". */
    static boolean isFifo(String topicArn) {
        return topicArn.endsWith(".fifo");
    }

    /**
     * What SNS takes as a group id (1 to 128 of letters, digits and ASCII punctuation); a group made of log
     * text (an account id) that is anything else falls back to {@link #DEFAULT_GROUP} rather than failing.
     */
    static String groupId(String group) {
        if (group == null || group.isEmpty() || group.length() > 128) {
            return DEFAULT_GROUP;
        }
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return DEFAULT_GROUP;
            }
        }
        return group;
    }

    private static void param(StringBuilder b, String name, String value) {
        b.append('&').append(name).append('=').append(SdkHttpUtils.urlEncode(value));
    }

    /** The text of the first {@code <name>} element, unescaped and bounded (error answers only), or null. */
    static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        if (start < 0) {
            return null;
        }
        start += name.length() + 2;
        int end = xml.indexOf("</" + name + ">", start);
        if (end < 0) {
            return null;
        }
        String text = xml.substring(start, Math.min(end, start + ERROR_TEXT_MAX))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&").strip();
        return text.isEmpty() ? null : text;
    }

    /** Loads the request path (form, signer) without sending anything: init and SnapStart priming. */
    static void prime() {
        try {
            Map<String, Attribute> attributes = Map.of("severity", new Attribute("String", "low"));
            byte[] form = form(new Message("arn:aws:sns:us-east-1:000000000000:priming", "priming", "{}",
                    attributes));
            SignedHttp.primeSigner("sns", HEADERS, form);
            element("<Error><Code>Priming</Code></Error>", "Code");
        } catch (RuntimeException e) {
            // Priming is an optimisation: the real path reports its own errors.
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
