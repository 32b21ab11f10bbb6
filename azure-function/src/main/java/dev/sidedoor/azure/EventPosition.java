package dev.sidedoor.azure;

import java.util.Map;

/**
 * Where one Event Hubs event sits, from the trigger's metadata: enough to find it again with any Event Hubs tool.
 *
 * @param partition      partition id, or "?" when the host did not say
 * @param sequenceNumber the event's sequence number in its partition, or -1 when unknown
 * @param offset         the event's offset, or null
 * @param enqueuedTime   when Event Hubs accepted it (ISO-8601), or null
 */
record EventPosition(String partition, long sequenceNumber, String offset, String enqueuedTime) {

    /** The position of the event at {@code index}, from the PartitionContext and SystemPropertiesArray bindings. */
    static EventPosition of(Map<String, Object> partitionContext, Map<String, Object>[] systemProperties, int index) {
        Object partition = partitionContext == null ? null : partitionContext.get("PartitionId");
        Map<String, Object> props = systemProperties != null && index < systemProperties.length
                ? systemProperties[index] : null;
        return new EventPosition(partition == null ? "?" : String.valueOf(partition),
                props == null ? -1 : number(props.get("SequenceNumber")),
                props == null ? null : text(props.get("Offset")),
                props == null ? null : text(props.get("EnqueuedTimeUtc")));
    }

    /** How rejections and logs name the event: "partition 3 sequence 1207". */
    String label() {
        return "partition " + partition + " sequence " + (sequenceNumber < 0 ? "?" : String.valueOf(sequenceNumber));
    }

    // The worker hands numbers over as JSON, so they may arrive as Double, Long or String.
    private static long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v != null) {
            try {
                return Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return v == null ? null : v.toString();
    }
}
