package dev.sidedoor.core.source.sysmon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.source.Source;
import dev.sidedoor.core.source.process.ProcessEvents;
import java.util.List;
import java.util.Set;

/**
 * Sysmon (Windows, and Sysmon for Linux) as Elastic Agent and Winlogbeat ship it: ECS documents, one per line, bare
 * or as an Elasticsearch hit ({@code _source}). Event ID 1 (process creation) becomes a Sigma
 * {@code process_creation} event; Sysmon's other event ids are recognised and skipped.
 */
public final class SysmonSource implements Source {

    static final String PROVIDER = "sysmon";

    @Override
    public String name() {
        return "sysmon";
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String displayName() {
        return "Sysmon";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return SysmonNormalizer.isSysmon(SysmonNormalizer.document(record));
    }

    @Override
    public AuditEvent normalize(JsonNode record, JsonTrees trees) {
        return SysmonNormalizer.normalize(record);
    }

    @Override
    public String skipReason(JsonNode record) {
        return SysmonNormalizer.skipReason(record);
    }

    /** Process creation rules for Windows and Linux, or for none; {@code product: sysmon} names this sensor. */
    @Override
    public List<String> routes(LogSource ls) {
        return ProcessEvents.routes(PROVIDER, ls, "sysmon");
    }

    /** An Elasticsearch hit's document key, so that no other source's screening passes a hit over. */
    @Override
    public Set<String> envelopeKeys() {
        return Set.of("_source");
    }
}
