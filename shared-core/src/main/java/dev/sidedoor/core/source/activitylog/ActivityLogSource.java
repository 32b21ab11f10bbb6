package dev.sidedoor.core.source.activitylog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Screening;
import dev.sidedoor.core.source.Source;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The Azure Activity Log (diagnostic-settings export, REST/portal and Datadog shapes), routed to Sigma's
 * activitylogs service. Entra ID's sign-in and audit records share its Event Hub and shape; they are
 * {@link dev.sidedoor.core.source.entra.EntraSource}'s.
 */
public final class ActivityLogSource implements Source {

    static final List<String> SERVICES = List.of("activitylogs");

    @Override
    public String name() {
        return "azure-activity";
    }

    @Override
    public String provider() {
        return "azure";
    }

    @Override
    public String displayName() {
        return "Azure";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return AzureNormalizer.recognises(record);
    }

    @Override
    public AuditEvent normalize(JsonNode record, JsonTrees trees) {
        return new AzureNormalizer(trees).normalize(record);
    }

    @Override
    public List<String> routes(LogSource ls) {
        if (!"azure".equals(ls.product())) {
            return List.of();
        }
        if (ls.service() == null) {
            return SERVICES.stream().map(s -> "azure/" + s).toList();
        }
        return switch (ls.service()) {
            case "activitylogs", "azureactivity" -> List.of("azure/activitylogs");
            default -> List.of();
        };
    }

    /** The operation name every record has, and Datadog's normalised envelope. */
    @Override
    public Set<String> envelopeKeys() {
        return Set.of("operationName", "evt");
    }

    @Override
    public Screening screening(Function<String, List<SigmaRule>> rulesOfRoute, Set<String> envelopeKeys) {
        return new ActivityLogScreening(rulesOfRoute, envelopeKeys);
    }

    @Override
    public boolean mergesOperations() {
        return true;
    }
}
