package dev.sidedoor.core.source.gcpaudit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.source.Source;
import java.util.List;
import java.util.Set;

/** GCP Cloud Audit Logs (Admin Activity and Data Access LogEntries), raw or Panther-normalised. Never screened. */
public final class GcpAuditSource implements Source {

    private final GcpNormalizer normalizer = new GcpNormalizer();

    @Override
    public String name() {
        return "gcp-audit";
    }

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public String displayName() {
        return "GCP";
    }

    /** Any record with a protoPayload is GCP's; one whose protoPayload is not an object is broken, not another's. */
    @Override
    public boolean recognises(JsonNode record) {
        return record.has("protoPayload");
    }

    @Override
    public AuditEvent normalize(JsonNode record, JsonTrees trees) {
        return record.get("protoPayload").isObject() ? normalizer.normalize(record) : null;
    }

    @Override
    public List<String> routes(LogSource ls) {
        if (!"gcp".equals(ls.product())) {
            return List.of();
        }
        return ls.service() == null || ls.service().equals("gcp.audit") ? List.of("gcp/gcp.audit") : List.of();
    }

    @Override
    public Set<String> envelopeKeys() {
        return Set.of("protoPayload");
    }
}
