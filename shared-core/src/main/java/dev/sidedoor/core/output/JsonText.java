package dev.sidedoor.core.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one JSON document to a string. Output is ASCII-only, so messages and log lines survive every consumer's
 * decoding (e-mail, HTTP, SQS, Event Grid, chat tools, log pipelines), and event values are always JSON-escaped.
 */
public final class JsonText {

    private static final JsonFactory FACTORY =
            JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** What goes into the document. */
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonText() {
    }

    public static String write(Body body) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            // Only a bug in the body can get here: a StringWriter does not fail.
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return w.toString();
    }

    /**
     * Writes each entry as a field of the current object: numbers as numbers, lists as arrays of strings, anything
     * else as a string; null values are left out. For structured log lines, whose values come from events.
     */
    public static void writeFields(JsonGenerator g, java.util.Map<String, ?> fields) throws IOException {
        for (java.util.Map.Entry<String, ?> e : fields.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (v instanceof Number n) {
                g.writeNumberField(e.getKey(), n.longValue());
            } else if (v instanceof java.util.List<?> list) {
                g.writeArrayFieldStart(e.getKey());
                for (Object item : list) {
                    g.writeString(String.valueOf(item));
                }
                g.writeEndArray();
            } else {
                g.writeStringField(e.getKey(), String.valueOf(v));
            }
        }
    }
}
