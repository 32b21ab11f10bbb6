package dev.sidedoor.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.source.Sources;

/** Recognises a record by its own fields (never by its wrapper) and normalises it. Thread-safe. */
public final class Normalizer {

    private final JsonTrees trees;
    private final Sources sources;

    /** {@code trees} parses JSON embedded in records (Azure request bodies) within the reader's limits. */
    public Normalizer(JsonTrees trees) {
        this(trees, Sources.BUILT_IN);
    }

    public Normalizer(JsonTrees trees, Sources sources) {
        this.trees = trees;
        this.sources = sources;
    }

    /** The normalised event, or null when no source recognises the record or it carries nothing rules use. */
    public AuditEvent normalize(JsonNode record) {
        return sources.normalize(record, trees);
    }

    /** Why a record {@link #normalize} gave no event for is skipped, or {@code fallback} (unrecognised). */
    public String skipReason(JsonNode record, String fallback) {
        return sources.skipReason(record, fallback);
    }
}
