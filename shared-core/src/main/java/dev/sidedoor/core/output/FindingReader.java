package dev.sidedoor.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back a finding written as {@code sidedoor.finding/1} JSON: what a run keeps for the next one (the recent
 * findings a correlation may still need). The baseline and suppression are not read: a finding read back is
 * evaluated again, never re-emitted as it was.
 */
public final class FindingReader {

    private FindingReader() {
    }

    /** The finding, or null when the JSON is not a sidedoor finding. */
    public static Finding read(JsonNode n) {
        if (n == null || !"sidedoor.finding/1".equals(text(n, "schema")) || text(n, "finding_id") == null) {
            return null;
        }
        JsonNode r = n.path("rule");
        JsonNode e = n.path("event");
        Map<String, String> context = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.path("context").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> c = it.next();
            if (c.getValue().isTextual()) {
                context.put(c.getKey(), c.getValue().asText());
            }
        }
        Severity severity;
        try {
            severity = Severity.parse(text(n, "severity"));
        } catch (RuntimeException notASeverity) {
            return null;
        }
        return new Finding(text(n, "finding_id"),
                new Finding.RuleRef(text(r, "id"), text(r, "name"), text(r, "title"), text(r, "level"),
                        r.path("runbook").isObject() ? new Finding.Runbook(text(r.path("runbook"), "check"),
                                text(r.path("runbook"), "confirm"), text(r.path("runbook"), "contain")) : null),
                severity, strings(n.path("techniques")), strings(n.path("tactics")), text(n, "provider"),
                new Finding.EventRef(text(e, "id"), text(e, "time"), text(e, "action"), text(e, "service"),
                        text(e, "outcome"), text(e, "error_code")),
                text(n, "actor"), text(n, "target"), text(n, "source_ip"), text(n, "account"), text(n, "region"),
                text(n, "user_agent"), text(n, "summary"), context, null, strings(n.path("notes")), null,
                origin(n.path("origin")));
    }

    /** The origin without the raw record, or null when absent or not as written. */
    private static Finding.Origin origin(JsonNode o) {
        if (!o.isObject() || text(o, "file") == null || !o.path("record").canConvertToLong()) {
            return null;
        }
        return new Finding.Origin(text(o, "file"), o.path("record").asLong(), o.path("line").asLong(0),
                text(o, "element"), null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (v.isTextual()) {
                out.add(v.asText());
            }
        }
        return out;
    }
}
