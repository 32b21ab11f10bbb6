package dev.sidedoor.core.event;

import com.fasterxml.jackson.databind.JsonNode;

/** Small null-safe accessors over Jackson trees, for the coalesce chains. */
final class Json {

    private Json() {
    }

    /** Follows a dotted path of object keys; null when any step is missing. */
    static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode cur = node;
        int start = 0;
        while (cur != null) {
            int dot = dottedPath.indexOf('.', start);
            String key = dot < 0 ? dottedPath.substring(start) : dottedPath.substring(start, dot);
            cur = cur.get(key);
            if (dot < 0) {
                return cur;
            }
            start = dot + 1;
        }
        return null;
    }

    /** Text of a scalar at a path, or null for missing, null, empty, objects and arrays. */
    static String text(JsonNode node, String dottedPath) {
        return scalar(at(node, dottedPath));
    }

    static String scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode() || v.isMissingNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** The first non-null text among the paths. */
    static String first(JsonNode node, String... paths) {
        for (String p : paths) {
            String v = text(node, p);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** First element's text of an array at a path, or the scalar itself. */
    static String firstOf(JsonNode node, String path) {
        JsonNode v = at(node, path);
        if (v != null && v.isArray()) {
            return v.size() > 0 ? scalar(v.get(0)) : null;
        }
        return scalar(v);
    }
}
