package dev.sidedoor.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.CompactJson;
import dev.sidedoor.core.finding.FindingIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the fields correlations group by from a record into its finding's context, as
 * {@code group_by.<field>}: findings do not carry their record, and a correlation runs on findings.
 */
final class CapturedFields {

    static final String PREFIX = "group_by.";
    /**
     * Values are attacker-controlled; longer ones keep their start and a hash of the whole, so two long values
     * that differ only at the end still group apart.
     */
    static final int MAX_VALUE = 512;

    private CapturedFields() {
    }

    /** The context entries of {@code fields} present in the record; a missing or null field has none. */
    static Map<String, String> of(EventDocument doc, List<String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : fields) {
            String v = text(doc.field(field));
            if (v != null) {
                out.put(PREFIX + field, v);
            }
        }
        return out;
    }

    /** A scalar as its text; an array or object as compact JSON (so equal values group together). */
    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        String s = n.isValueNode() ? n.asText() : CompactJson.of(n);
        if (s.length() <= MAX_VALUE) {
            return s;
        }
        return s.substring(0, MAX_VALUE) + "...#" + FindingIds.of("group_by", "", s).substring(3, 19);
    }
}
