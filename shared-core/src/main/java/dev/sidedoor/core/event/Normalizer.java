package dev.sidedoor.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.read.JsonTrees;

/** Recognises a record by its own fields (never by its wrapper) and normalises it. Thread-safe. */
public final class Normalizer {

    private final AwsNormalizer aws = new AwsNormalizer();
    private final AzureNormalizer azure;
    private final GcpNormalizer gcp = new GcpNormalizer();

    /** {@code trees} parses JSON embedded in records (Azure request bodies) within the reader's limits. */
    public Normalizer(JsonTrees trees) {
        this.azure = new AzureNormalizer(trees);
    }

    /**
     * Top-level keys by which a record with an operationName is recognised as Azure: it has at least one of them.
     */
    public static java.util.List<String> azureRecordKeys() {
        return AzureNormalizer.RECORD_KEYS;
    }

    /** The Sigma service an Azure record of this category is routed to: activitylogs, signinlogs or auditlogs. */
    public static String azureService(String category) {
        return AzureNormalizer.service(category, null);
    }

    /** The normalised event, or null when the record is not a CloudTrail, Azure Activity Log or GCP audit record. */
    public AuditEvent normalize(JsonNode record) {
        if (record == null || !record.isObject()) {
            return null;
        }
        if (record.has("protoPayload")) {
            return record.get("protoPayload").isObject() ? gcp.normalize(record) : null;
        }
        if (AzureNormalizer.recognises(record)) {
            return azure.normalize(record);
        }
        if (AwsNormalizer.recognises(record)) {
            return aws.normalize(record);
        }
        return null;
    }
}
