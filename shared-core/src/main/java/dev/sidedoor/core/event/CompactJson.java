package dev.sidedoor.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A tree as compact JSON text, exactly as {@link JsonNode#toString()} writes it, without the {@code ObjectMapper}
 * that {@code toString()} builds on its first call: the whole databind serialisation machinery and the JDK's locale
 * data, about 130 ms of a cold JVM (a Lambda's or a Function's first event, a CLI scan's first sign-in record).
 * Content hashes and the values rules compare are made of this text, so it must never differ from
 * {@code toString()}: {@code CompactJsonTest} holds the two together over every corpus and example record.
 */
public final class CompactJson {

    /** The streaming factory with Jackson's defaults, as {@code ObjectMapper}'s own is. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private CompactJson() {
    }

    public static String of(JsonNode node) {
        if (node.isMissingNode()) {
            return ""; // what MissingNode.toString() gives; inside a container it is written as null
        }
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, node);
        } catch (IOException e) {
            // A StringWriter does not fail; only a node this class does not know could get here.
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return w.toString();
    }

    /**
     * Writes {@code n} to {@code g} as {@link #of} does, for a caller with a generator of its own: a byte stream
     * keeps a lone surrogate as its escape, where {@link #of}'s text, once encoded, would hold a '?'.
     */
    public static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : n) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case BINARY -> {
                byte[] data = n.binaryValue();
                if (data == null) {
                    g.writeNull();
                } else {
                    g.writeBinary(data);
                }
            }
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                    case FLOAT -> g.writeNumber(n.floatValue());
                    case DOUBLE -> g.writeNumber(n.doubleValue());
                    default -> g.writeNumber(n.decimalValue());
                }
            }
            // A POJO node never comes out of parsing: written the way Jackson writes it.
            default -> g.writeRawValue(n.toString());
        }
    }
}
