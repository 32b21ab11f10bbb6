package dev.sidedoor.core.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Test document over a Jackson tree: a field name is tried as a whole key first, then as a dotted path that
 * descends into objects and collects from arrays (so {@code a.b} over {@code a: [{b:1},{b:2}]} is {@code [1,2]}).
 */
final class JsonSigmaDocument implements SigmaDocument {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode root;

    JsonSigmaDocument(JsonNode root) {
        this.root = root;
    }

    static JsonSigmaDocument of(String json) {
        try {
            return new JsonSigmaDocument(MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Override
    public JsonNode field(String name) {
        return resolve(root, name);
    }

    @Override
    public JsonNode root() {
        return root;
    }

    private static JsonNode resolve(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                JsonNode r = resolve(element, path);
                if (r != null) {
                    out.add(r);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (!node.isObject()) {
            return null;
        }
        if (node.has(path)) {
            return node.get(path);
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            String head = path.substring(0, dot);
            if (node.has(head)) {
                JsonNode r = resolve(node.get(head), path.substring(dot + 1));
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }
}
