package dev.sidedoor.core.source.activitylog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.sigma.PartialDocument;

/**
 * An Azure record seen through its operationName alone, for screening. Every other field is unknown, even one
 * read from the record: the records of one operation differ in result, time and caller IP, and screening must give
 * them all the same answer so that a finding can still be settled from its siblings.
 */
final class OperationNameDocument implements PartialDocument {

    private final JsonNode operationName;

    OperationNameDocument(JsonNode operationName) {
        this.operationName = operationName;
    }

    @Override
    public boolean knows(String field) {
        return "operationName".equals(field);
    }

    @Override
    public JsonNode field(String name) {
        return "operationName".equals(name) ? operationName : null;
    }

    @Override
    public JsonNode root() {
        return null;
    }
}
