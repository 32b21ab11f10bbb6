package dev.sidedoor.core.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds Jackson trees straight from the streaming parser. Doing it here rather than through an ObjectMapper
 * keeps databind's start-up (a quarter of a second, cold) out of the command line and the Lambda's cold start;
 * the trees are the usual {@link JsonNode}s. Nesting is bounded by the parser's constraints.
 */
public final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonFactory factory;

    JsonTrees(JsonFactory factory) {
        this.factory = factory;
    }

    /** The factory with the reader's limits and leniencies, for probes that must judge text as the reader does. */
    JsonFactory factory() {
        return factory;
    }

    /** Parses one complete JSON text; trailing content is an error. */
    public JsonNode parse(String text) throws IOException {
        try (JsonParser p = factory.createParser(text)) {
            return whole(p);
        }
    }

    /** Parses one complete JSON text from bytes; trailing content is an error. */
    public JsonNode parse(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = factory.createParser(bytes, offset, length)) {
            return whole(p);
        }
    }

    /**
     * What {@link #parseClipped} kept of a JSON text.
     *
     * @param value   the tree, with long strings cut and values past the node budget left out
     * @param clipped strings cut to the limit
     * @param skipped values left out once the node budget was spent
     */
    public record Clipped(JsonNode value, int clipped, int skipped) {
    }

    /**
     * Parses a JSON text of any length into a bounded tree: strings longer than {@code maxStringChars} are cut,
     * and after {@code maxNodes} values the rest are skipped rather than built. For embedded documents such as an
     * Azure request body, where padding one field must not hide the others from the rules.
     */
    public Clipped parseClipped(String text, int maxStringChars, int maxNodes) throws IOException {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() == null) {
                throw new JsonParseException(p, "no JSON value");
            }
            int[] counts = new int[3];
            counts[2] = maxNodes;
            JsonNode v = readClipped(p, maxStringChars, counts);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the JSON value");
            }
            return new Clipped(v, counts[0], counts[1]);
        }
    }

    /** counts: [0] strings cut, [1] values skipped, [2] nodes left to build. Null for a skipped value. */
    private JsonNode readClipped(JsonParser p, int maxString, int[] counts) throws IOException {
        JsonToken t = p.currentToken();
        if (counts[2] <= 0) {
            counts[1]++;
            p.skipChildren();
            return null;
        }
        counts[2]--;
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    JsonNode v = readClipped(p, maxString, counts);
                    if (v != null) {
                        o.set(name, v);
                    }
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode v = readClipped(p, maxString, counts);
                    if (v != null) {
                        a.add(v);
                    }
                }
                return a;
            }
            case VALUE_STRING: {
                if (p.getTextLength() > maxString) {
                    counts[0]++;
                    return NODES.textNode(p.getText().substring(0, maxString));
                }
                return NODES.textNode(p.getText());
            }
            default:
                return read(p);
        }
    }

    private JsonNode whole(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new JsonParseException(p, "no JSON value");
        }
        JsonNode v = read(p);
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "unexpected content after the JSON value");
        }
        return v;
    }

    /** Reads the value whose first token the parser is on, leaving the parser on its last token. */
    public JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(p, "unexpected token " + t);
        }
    }
}
