package dev.sidedoor.core.event;

import com.fasterxml.jackson.databind.JsonNode;

/** Small null-safe accessors over Jackson trees, for the coalesce chains. */
public final class Json {

    private Json() {
    }

    /** Follows a dotted path of object keys; null when any step is missing. */
    public static JsonNode at(JsonNode node, String dottedPath) {
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
    public static String text(JsonNode node, String dottedPath) {
        return scalar(at(node, dottedPath));
    }

    public static String scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode() || v.isMissingNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** The first non-null text among the paths. */
    public static String first(JsonNode node, String... paths) {
        for (String p : paths) {
            String v = text(node, p);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** First element's text of an array at a path, or the scalar itself. */
    public static String firstOf(JsonNode node, String path) {
        JsonNode v = at(node, path);
        if (v != null && v.isArray()) {
            return v.size() > 0 ? scalar(v.get(0)) : null;
        }
        return scalar(v);
    }

    /** Puts a context value unless it is null or empty or the key is already set: the first source wins. */
    public static void put(java.util.Map<String, String> ctx, String key, String value) {
        if (value != null && !value.isEmpty() && !ctx.containsKey(key)) {
            ctx.put(key, value);
        }
    }

    /** The path segment after {@code segment} (case-insensitive) in a slash-separated resource name, or null. */
    public static String segmentAfter(String resourceName, String segment) {
        if (resourceName == null) {
            return null;
        }
        String[] parts = resourceName.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase(segment)) {
                return parts[i + 1];
            }
        }
        return null;
    }
}
