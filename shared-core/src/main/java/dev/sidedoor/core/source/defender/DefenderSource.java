package dev.sidedoor.core.source.defender;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Screening;
import dev.sidedoor.core.source.Source;
import dev.sidedoor.core.source.process.ProcessEvents;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Microsoft Defender for Endpoint's advanced hunting tables as its streaming API writes them to Event Hubs or a
 * storage account ({@code {"records":[{"time", "tenantId", "operationName": "Publish", "category":
 * "AdvancedHunting-DeviceProcessEvents", "properties": {...}}]}}), and rows of DeviceProcessEvents exported flat
 * (advanced hunting API results, Sentinel's table). Process starts become Sigma {@code process_creation} events;
 * every other advanced hunting table is recognised and skipped.
 *
 * <p>The streaming records carry an operationName, a category and a time, as Activity Log records do: this source
 * comes before {@code ActivityLogSource} and recognises them by their category.
 */
public final class DefenderSource implements Source {

    static final String PROVIDER = "defender";

    @Override
    public String name() {
        return "defender";
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String displayName() {
        return "Microsoft Defender for Endpoint";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return DefenderNormalizer.isStreamed(record) || DefenderNormalizer.isFlatRow(record);
    }

    @Override
    public AuditEvent normalize(JsonNode record, JsonTrees trees) {
        return DefenderNormalizer.normalize(record);
    }

    @Override
    public String skipReason(JsonNode record) {
        return DefenderNormalizer.skipReason(record);
    }

    /** Process creation rules for Windows, Linux and macOS, or for none; {@code product: defender} names this sensor. */
    @Override
    public List<String> routes(LogSource ls) {
        return ProcessEvents.routes(PROVIDER, ls, "defender");
    }

    @Override
    public Screening screening(Function<String, List<SigmaRule>> rulesOfRoute, Set<String> envelopeKeys) {
        return new DefenderScreening(rulesOfRoute);
    }
}
