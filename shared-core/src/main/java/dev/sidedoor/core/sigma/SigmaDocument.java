package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Sigma rule sees of one log record.
 *
 * <p>Implementations decide how a Sigma field name maps onto the record (whole key first, then a dotted path,
 * provider-specific aliases, sidedoor's normalised {@code sidedoor.*} fields). The engine only asks for fields by
 * name and, for keyword detections, for the whole record.
 */
public interface SigmaDocument {

    /**
     * The value of a field, or {@code null} when the record does not have it. An {@code ArrayNode} is matched
     * element-wise (any element may satisfy a value; {@code |all} needs every listed value to match some
     * element). A JSON {@code null} is returned as {@code NullNode}, which matches the Sigma value {@code null}
     * just as a missing field does.
     */
    JsonNode field(String name);

    /** The whole record, searched by keyword (list-only) detections. */
    JsonNode root();
}
