package dev.sidedoor.core.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Takes the envelope off a record: EventBridge, lookup-events, nested Records arrays, S3 notifications. */
final class Unwrapper {

    private static final Set<String> CLOUDTRAIL_DETAIL_TYPES = Set.of(
            "AWS API Call via CloudTrail",
            "AWS Console Sign In via CloudTrail",
            "AWS Console Action via CloudTrail",
            "AWS Service Event via CloudTrail");
    private static final int MAX_WRAPPER_DEPTH = 3;

    private final JsonTrees trees;
    private final ReadLimits limits;

    Unwrapper(JsonTrees trees, ReadLimits limits) {
        this.trees = trees;
        this.limits = limits;
    }

    void dispatch(JsonNode node, Position position, String source, RecordSink sink) {
        dispatch(node, position, source, sink, 0);
    }

    private void dispatch(JsonNode node, Position position, String source, RecordSink sink, int depth) {
        if (!node.isObject()) {
            sink.rejected(new Rejection(source, position.toString(), "not-an-object", "expected a JSON object"));
            return;
        }
        JsonNode detailType = node.get("detail-type");
        JsonNode detail = node.get("detail");
        if (detailType != null && detailType.isTextual() && detail != null) {
            if (!CLOUDTRAIL_DETAIL_TYPES.contains(detailType.textValue())) {
                sink.skipped("EventBridge event that is not a CloudTrail API call");
            } else if (detail.isObject() && detail.path("eventSource").isTextual()
                    && detail.path("eventName").isTextual()) {
                sink.record(position, withEnvelopeDefaults((ObjectNode) detail, node));
            } else {
                // The envelope promises a CloudTrail record: anything else is a broken event, not another kind.
                sink.rejected(new Rejection(source, position.toString(), "not-cloudtrail", "detail-type is '"
                        + detailType.textValue() + "' but detail is not a CloudTrail record (an object with"
                        + " eventSource and eventName)"));
            }
            return;
        }
        JsonNode embedded = node.get("CloudTrailEvent");
        if (embedded != null && embedded.isTextual()) {
            parseEmbedded(embedded.textValue(), position, source, sink, depth);
            return;
        }
        if (depth < MAX_WRAPPER_DEPTH && !isRecord(node)) {
            for (String key : LogReader.WRAPPER_KEYS) {
                JsonNode arr = node.get(key);
                if (arr != null && arr.isArray()) {
                    int i = 0;
                    for (JsonNode element : arr) {
                        i++;
                        dispatch(element, position.element(i), source, sink, depth + 1);
                    }
                    return;
                }
            }
        }
        JsonNode es = node.get("eventSource");
        if (es != null && "aws:s3".equals(es.asText()) && node.has("s3")) {
            sink.skipped("S3 event notification (not an audit record)");
            return;
        }
        sink.record(position, node);
    }

    private static boolean isRecord(JsonNode node) {
        return node.has("eventName") || node.has("operationName") || node.has("protoPayload");
    }

    private void parseEmbedded(String text, Position position, String source, RecordSink sink, int depth) {
        if (text.length() > limits.maxEmbeddedChars()) {
            sink.rejected(new Rejection(source, position.toString(), "too-large",
                    "CloudTrailEvent text longer than " + limits.maxEmbeddedChars() + " characters"));
            return;
        }
        try {
            JsonNode inner = trees.parse(text);
            dispatch(inner == null ? NullNode.instance : inner, position, source, sink, depth + 1);
        } catch (JsonProcessingException e) {
            sink.rejected(new Rejection(source, position.toString(), LogReader.kindOf(e),
                    "field CloudTrailEvent: " + LogReader.describe(e)));
        } catch (java.io.IOException e) {
            // Parsing a String performs no I/O; anything else here is a parse failure in disguise.
            sink.rejected(new Rejection(source, position.toString(), "malformed-json",
                    "field CloudTrailEvent: " + e.getMessage()));
        }
    }

    /** EventBridge carries the account and region on the envelope; some real details lack them. */
    private static JsonNode withEnvelopeDefaults(ObjectNode detail, JsonNode envelope) {
        boolean needAccount = !detail.hasNonNull("recipientAccountId") && envelope.hasNonNull("account");
        boolean needRegion = !detail.hasNonNull("awsRegion") && envelope.hasNonNull("region");
        if (!needAccount && !needRegion) {
            return detail;
        }
        ObjectNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        copy.setAll(detail);
        if (needAccount) {
            copy.set("recipientAccountId", envelope.get("account"));
        }
        if (needRegion) {
            copy.set("awsRegion", envelope.get("region"));
        }
        return copy;
    }
}
