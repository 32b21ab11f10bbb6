package dev.sidedoor.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Resolves a Sigma field name against a JSON record. At every level the longest remaining key is tried before
 * splitting on a dot, because real keys contain dots (Azure claim URIs such as
 * {@code http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn}). Arrays are crossed element-wise and the
 * values found are returned together as an array.
 */
final class FieldPath {

    private FieldPath() {
    }

    static JsonNode resolve(JsonNode root, String name) {
        if (root == null) {
            return null;
        }
        JsonNode direct = root.get(name);
        if (direct != null || name.indexOf('.') < 0) {
            return direct;
        }
        Collector c = new Collector();
        walk(root, name, 0, c);
        return c.result();
    }

    private static void walk(JsonNode node, String path, int from, Collector out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode e : node) {
                walk(e, path, from, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String rest = from == 0 ? path : path.substring(from);
        JsonNode whole = node.get(rest);
        if (whole != null) {
            out.add(whole);
            return;
        }
        // Longest dotted prefix first, so "a.b" as a key wins over "a" then "b".
        int dot = path.lastIndexOf('.');
        while (dot > from) {
            JsonNode child = node.get(path.substring(from, dot));
            if (child != null) {
                walk(child, path, dot + 1, out);
                return;
            }
            dot = path.lastIndexOf('.', dot - 1);
        }
    }

    /** Keeps a lone value as itself and only builds an array when several are found. */
    private static final class Collector {
        private JsonNode first;
        private ArrayNode many;

        void add(JsonNode v) {
            if (first == null) {
                first = v;
            } else {
                if (many == null) {
                    many = JsonNodeFactory.instance.arrayNode();
                    addFlat(many, first);
                }
                addFlat(many, v);
            }
        }

        private static void addFlat(ArrayNode into, JsonNode v) {
            if (v.isArray()) {
                into.addAll((ArrayNode) v);
            } else {
                into.add(v);
            }
        }

        JsonNode result() {
            return many != null ? many : first;
        }
    }
}
