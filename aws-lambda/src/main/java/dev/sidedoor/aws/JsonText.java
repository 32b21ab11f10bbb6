package dev.sidedoor.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one JSON document to a string. Output is ASCII-only, so messages and log lines survive every consumer's
 * decoding (e-mail, HTTP, SQS, Chatbot, CloudWatch), and event values are always JSON-escaped.
 */
final class JsonText {

    private static final JsonFactory FACTORY =
            JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** What goes into the document. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonText() {
    }

    static String write(Body body) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            // Only a bug in the body can get here: a StringWriter does not fail.
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return w.toString();
    }
}
