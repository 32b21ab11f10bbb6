package dev.sidedoor.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.read.TopLevelFields;
import dev.sidedoor.core.sigma.PartialDocument;

/**
 * A CloudTrail record seen only through its top-level scalars. It knows a field when the field is a top-level
 * scalar, or certainly absent (no such top-level key and no dot in the name). Anything nested, dotted or
 * normalised ({@code sidedoor.*}) is unknown, so screening never decides on it. Mirrors {@link FieldPath}, which
 * tries the whole name as a key first.
 */
public final class TopLevelDocument implements PartialDocument {

    private final TopLevelFields fields;
    private final java.util.Set<String> read;

    /** {@code read}: the top-level names that were kept while streaming; nothing is known about the others. */
    public TopLevelDocument(TopLevelFields fields, java.util.Set<String> read) {
        this.fields = fields;
        this.read = read;
    }

    @Override
    public boolean knows(String name) {
        if (!read.contains(name)) {
            return false;
        }
        if (fields.scalar(name) != null) {
            return true;
        }
        return !fields.isContainer(name) && name.indexOf('.') < 0;
    }

    @Override
    public JsonNode field(String name) {
        return fields.scalar(name);
    }

    @Override
    public JsonNode root() {
        return null;
    }
}
