package dev.sidedoor.core.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.Set;

/**
 * The top-level scalar fields of a record, read by streaming past everything nested. Enough to recognise a
 * CloudTrail record and to rule most records out before any tree is built.
 *
 * <p>The byte scan ({@link TopLevelScan}) fills one instance per reader again for every record: each kept field is a
 * slot of its {@link FieldLayout} holding where its value lies in the record's bytes, and a value becomes a
 * {@link JsonNode} only when a screening asks for it (from {@link TextCache}, so the eventSource and eventName that
 * repeat endlessly cost no allocation). An instance is only valid until the next record is scanned.
 */
public final class TopLevelFields {

    static final byte ABSENT = 0;
    static final byte CONTAINER = 1;
    /** A string without escapes or control characters: its content is {@code bytes[from, to)}. */
    static final byte STRING = 2;
    /** An integer that fits a long, in {@link #numbers}. */
    static final byte NUMBER = 3;
    static final byte TRUE = 4;
    static final byte FALSE = 5;
    static final byte NULL = 6;
    /** A value Jackson read, in {@link #nodes}. */
    static final byte NODE = 7;

    private final FieldLayout layout;
    /** Decodes the byte scan's strings; null for the Jackson path, whose strings are already decoded. */
    private final TextCache texts;
    private final byte[] kinds;
    private final int[] from;
    private final int[] to;
    private final long[] numbers;
    private final JsonNode[] nodes;
    /** Slots set for the current record (a duplicate key may appear twice), so that a reset touches only those. */
    private final int[] present;
    private int presentCount;
    private byte[] bytes;
    private boolean undecidable;

    TopLevelFields(FieldLayout layout, TextCache texts) {
        this.layout = layout;
        this.texts = texts;
        int n = layout.size();
        this.kinds = new byte[n];
        this.from = new int[n];
        this.to = new int[n];
        this.numbers = new long[n];
        this.nodes = new JsonNode[n];
        this.present = new int[n];
    }

    FieldLayout layout() {
        return layout;
    }

    /** Forgets the previous record; {@code b} holds the next one's bytes. */
    void reset(byte[] b) {
        for (int i = 0; i < presentCount; i++) {
            int s = present[i];
            kinds[s] = ABSENT;
            nodes[s] = null;
        }
        presentCount = 0;
        undecidable = false;
        bytes = b;
    }

    private void set(int slot, byte kind) {
        if (kinds[slot] == ABSENT) {
            present[presentCount++] = slot;
        }
        kinds[slot] = kind;
        nodes[slot] = null;
    }

    void container(int slot) {
        set(slot, CONTAINER);
    }

    void string(int slot, int start, int end) {
        set(slot, STRING);
        from[slot] = start;
        to[slot] = end;
    }

    void number(int slot, long value) {
        set(slot, NUMBER);
        numbers[slot] = value;
    }

    void literal(int slot, byte kind) {
        set(slot, kind);
    }

    private void node(int slot, JsonNode value) {
        set(slot, NODE);
        nodes[slot] = value;
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

    /** Fields for {@link #readFrom}: Jackson has decoded the strings already, so no {@link TextCache}. */
    static TopLevelFields forParser(Set<String> wanted) {
        return new TopLevelFields(FieldLayout.of(wanted), null);
    }

    /**
     * Reads the object at the parser's START_OBJECT through its END_OBJECT, keeping only the layout's fields; the
     * others are streamed past (their strings are never decoded). Forgets the previous record first.
     */
    void readFrom(JsonParser p) throws IOException {
        reset(null);
        TopLevelFields f = this;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int slot = layout.slot(name);
            if (slot < 0) {
                p.skipChildren();
                continue;
            }
            switch (v) {
                case VALUE_STRING -> f.node(slot, com.fasterxml.jackson.databind.node.TextNode.valueOf(p.getText()));
                case VALUE_NUMBER_INT -> {
                    switch (p.getNumberType()) {
                        case INT -> f.node(slot, JsonNodeFactory.instance.numberNode(p.getIntValue()));
                        case LONG -> f.node(slot, JsonNodeFactory.instance.numberNode(p.getLongValue()));
                        default -> f.markUndecidable();
                    }
                }
                case VALUE_NUMBER_FLOAT -> f.markUndecidable();
                case VALUE_TRUE -> f.node(slot, BooleanNode.TRUE);
                case VALUE_FALSE -> f.node(slot, BooleanNode.FALSE);
                case VALUE_NULL -> f.node(slot, NullNode.instance);
                default -> {
                    f.container(slot);
                    p.skipChildren();
                }
            }
        }
    }

    /** The scalar value of a top-level field, or null when it is missing or not a scalar. */
    public JsonNode scalar(String name) {
        int s = layout.slot(name);
        return s < 0 ? null : valueAt(s);
    }

    JsonNode valueAt(int s) {
        switch (kinds[s]) {
            case STRING -> {
                JsonNode n = nodes[s];
                if (n == null) {
                    n = texts.node(bytes, from[s], to[s]);
                    nodes[s] = n;
                }
                return n;
            }
            case NUMBER -> {
                JsonNode n = nodes[s];
                if (n == null) {
                    long v = numbers[s];
                    // As Jackson builds them: an int node when the value fits.
                    n = v == (int) v ? JsonNodeFactory.instance.numberNode((int) v)
                            : JsonNodeFactory.instance.numberNode(v);
                    nodes[s] = n;
                }
                return n;
            }
            case TRUE -> {
                return BooleanNode.TRUE;
            }
            case FALSE -> {
                return BooleanNode.FALSE;
            }
            case NULL -> {
                return NullNode.instance;
            }
            case NODE -> {
                return nodes[s];
            }
            default -> {
                return null;
            }
        }
    }

    /** The text of a top-level string field, or null. */
    public String text(String name) {
        JsonNode v = scalar(name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** Whether the top-level field exists with an object or array value (not read). */
    public boolean isContainer(String name) {
        int s = layout.slot(name);
        return s >= 0 && kinds[s] == CONTAINER;
    }

    /** Whether the top-level field exists at all (answers only for fields the screen asked to keep). */
    public boolean has(String name) {
        int s = layout.slot(name);
        return s >= 0 && kinds[s] != ABSENT;
    }

    /**
     * Whether any of the names is a top-level key. Only the screen's own fields are kept, so a record holds a few:
     * looking those up in {@code names} beats looking every name up here.
     */
    public boolean hasAnyOf(Set<String> names) {
        for (int i = 0; i < presentCount; i++) {
            if (names.contains(layout.name(present[i]))) {
                return true;
            }
        }
        return false;
    }

    private static final int HASH = 0;
    private static final int EQUALS = 1;
    private static final int WRITE = 2;
    /** State of {@link #walkKey}: one walk, three uses, so that the hash, the test and the copy cannot disagree. */
    private int keyMode;
    private long keyHash;
    private byte[] key;
    private int keyAt;
    private boolean keyEqual;

    /** A hash of what {@link FieldDecisions} keys on: the kind and the value of each slot (-1: always absent). */
    long keyHash(int[] slots) {
        keyMode = HASH;
        keyHash = 0xcbf29ce484222325L;
        walkKey(slots);
        return keyHash ^ (keyHash >>> 29);
    }

    /** Whether {@code stored}, made by {@link #keyBytes}, holds these slots' kinds and values. */
    boolean keyEquals(int[] slots, byte[] stored) {
        keyMode = EQUALS;
        key = stored;
        keyAt = 0;
        keyEqual = true;
        walkKey(slots);
        key = null;
        return keyEqual && keyAt == stored.length;
    }

    /** The key itself, kept by {@link FieldDecisions}: allocated only when a decision is remembered. */
    byte[] keyBytes(int[] slots) {
        keyMode = WRITE;
        key = new byte[64];
        keyAt = 0;
        walkKey(slots);
        byte[] out = java.util.Arrays.copyOf(key, keyAt);
        key = null;
        return out;
    }

    /** Each part carries its kind and its length, so no value can be mistaken for the next. */
    private void walkKey(int[] slots) {
        for (int s : slots) {
            byte kind = s < 0 ? ABSENT : kinds[s];
            keyByte(kind);
            switch (kind) {
                case STRING -> {
                    keyInt(to[s] - from[s]);
                    keyRange(bytes, from[s], to[s]);
                }
                case NUMBER -> {
                    keyInt((int) (numbers[s] >>> 32));
                    keyInt((int) numbers[s]);
                }
                case NODE -> {
                    // Jackson's strings are decoded: tagged apart from raw bytes, as UTF-16 so that no two differ.
                    JsonNode n = nodes[s];
                    String t = n.asText();
                    keyByte(n.isTextual() ? (byte) 's' : n.isNull() ? (byte) 'n' : (byte) 'v');
                    keyInt(t.length());
                    for (int k = 0; k < t.length(); k++) {
                        keyByte((byte) (t.charAt(k) >>> 8));
                        keyByte((byte) t.charAt(k));
                    }
                }
                default -> { }
            }
        }
    }

    private void keyInt(int v) {
        keyByte((byte) (v >>> 24));
        keyByte((byte) (v >>> 16));
        keyByte((byte) (v >>> 8));
        keyByte((byte) v);
    }

    /** {@link #keyByte} for each of {@code b[from, to)}, a word at a time where it can. */
    private void keyRange(byte[] b, int from, int to) {
        int len = to - from;
        switch (keyMode) {
            case HASH -> {
                long h = keyHash;
                int k = from;
                for (; k + 8 <= to; k += 8) {
                    h = (h ^ (long) StringBytes.LONGS.get(b, k)) * 0x100000001b3L;
                    h ^= h >>> 32;
                }
                for (; k < to; k++) {
                    h = (h ^ (b[k] & 0xff)) * 0x100000001b3L;
                }
                keyHash = h;
            }
            case EQUALS -> {
                keyEqual &= keyAt + len <= key.length && java.util.Arrays.equals(key, keyAt, keyAt + len, b, from, to);
                keyAt += len;
            }
            default -> {
                if (keyAt + len > key.length) {
                    key = java.util.Arrays.copyOf(key, Math.max(key.length * 2, keyAt + len));
                }
                System.arraycopy(b, from, key, keyAt, len);
                keyAt += len;
            }
        }
    }

    private void keyByte(byte v) {
        switch (keyMode) {
            case HASH -> keyHash = (keyHash ^ (v & 0xff)) * 0x100000001b3L;
            case EQUALS -> {
                keyEqual &= keyAt < key.length && key[keyAt] == v;
                keyAt++;
            }
            default -> {
                if (keyAt == key.length) {
                    key = java.util.Arrays.copyOf(key, key.length * 2);
                }
                key[keyAt++] = v;
            }
        }
    }
}
