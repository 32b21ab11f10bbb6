package dev.sidedoor.core.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The top-level scalar fields of a record, read by streaming past everything nested. Enough to recognise a
 * CloudTrail record and to rule most records out before any tree is built.
 */
public final class TopLevelFields {

    private final Map<String, JsonNode> scalars = new HashMap<>();
    private final Set<String> containers = new HashSet<>();

    private boolean undecidable;

    private TopLevelFields() {
    }

    static TopLevelFields empty() {
        return new TopLevelFields();
    }

    void scalar(String name, JsonNode value) {
        put(name, value);
    }

    void container(String name) {
        scalars.remove(name);
        containers.add(name);
    }

    void markUndecidable() {
        undecidable = true;
    }

    /**
     * True when something was seen that the quick read does not interpret (an escaped key, an escaped value);
     * such a record must be built and judged in full.
     */
    public boolean undecidable() {
        return undecidable;
    }

    /**
     * Reads the object at the parser's START_OBJECT through its END_OBJECT, keeping only the named fields; the
     * others are streamed past (their strings are never decoded).
     */
    static TopLevelFields scan(JsonParser p, Set<String> wanted) throws IOException {
        TopLevelFields f = new TopLevelFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (!wanted.contains(name)) {
                p.skipChildren();
                continue;
            }
            switch (v) {
                case VALUE_STRING -> f.put(name, TextNode.valueOf(p.getText()));
                case VALUE_NUMBER_INT -> {
                    switch (p.getNumberType()) {
                        case INT -> f.put(name, JsonNodeFactory.instance.numberNode(p.getIntValue()));
                        case LONG -> f.put(name, JsonNodeFactory.instance.numberNode(p.getLongValue()));
                        default -> f.markUndecidable();
                    }
                }
                case VALUE_NUMBER_FLOAT -> f.markUndecidable();
                case VALUE_TRUE -> f.put(name, BooleanNode.TRUE);
                case VALUE_FALSE -> f.put(name, BooleanNode.FALSE);
                case VALUE_NULL -> f.put(name, NullNode.instance);
                default -> {
                    f.scalars.remove(name);
                    f.containers.add(name);
                    p.skipChildren();
                }
            }
        }
        return f;
    }

    private void put(String name, JsonNode v) {
        containers.remove(name);
        scalars.put(name, v);
    }

    /** The scalar value of a top-level field, or null when it is missing or not a scalar. */
    public JsonNode scalar(String name) {
        return scalars.get(name);
    }

    /** The text of a top-level string field, or null. */
    public String text(String name) {
        JsonNode v = scalars.get(name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** Whether the top-level field exists with an object or array value (not read). */
    public boolean isContainer(String name) {
        return containers.contains(name);
    }

    /**
     * A key for everything read, in the given field order: equal keys mean equal fields, so a decision made
     * on one record holds for the other.
     */
    public String key(String[] order) {
        // Each part carries its type and length, so no value can be mistaken for a separator.
        StringBuilder b = new StringBuilder(64);
        for (String name : order) {
            JsonNode v = scalars.get(name);
            if (v != null) {
                String t = v.asText();
                b.append(v.isTextual() ? 's' : v.isNull() ? 'n' : 'v').append(t.length()).append(':').append(t);
            } else {
                b.append(containers.contains(name) ? 'c' : '-');
            }
        }
        return b.toString();
    }

    /** Whether the top-level field exists at all (answers only for fields the screen asked to keep). */
    public boolean has(String name) {
        return scalars.containsKey(name) || containers.contains(name);
    }

    /**
     * Whether any of the names is a top-level key. Only the screen's own fields are kept, so a record holds a few:
     * looking those up in {@code names} beats looking every name up here.
     */
    public boolean hasAnyOf(Set<String> names) {
        for (String k : scalars.keySet()) {
            if (names.contains(k)) {
                return true;
            }
        }
        for (String k : containers) {
            if (names.contains(k)) {
                return true;
            }
        }
        return false;
    }
}
