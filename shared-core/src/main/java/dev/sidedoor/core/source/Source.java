package dev.sidedoor.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.sigma.SigmaRule;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One kind of log sidedoor reads (CloudTrail, the Azure Activity Log, GCP audit logs, an EDR's process events...).
 * A source owns everything that is particular to its records: how a record is recognised by its own fields, how it
 * becomes an {@link AuditEvent}, which Sigma {@code logsource}s its events answer to, how its records may be
 * screened before they are built, and how outputs name it. Adding a source is one package implementing this
 * interface, listed in {@link Sources#BUILT_IN}. Implementations are stateless and thread-safe.
 */
public interface Source {

    /** Stable short name, used in documentation and statistics: "cloudtrail", "azure-activity", "falcon"... */
    String name();

    /**
     * The {@link AuditEvent#provider()} of this source's events ("aws", "azure", "gcp", "crowdstrike"...). Several
     * sources may share one provider; the provider names where findings come from.
     */
    String provider();

    /** How outputs and people name the provider ("AWS", "CrowdStrike Falcon"). */
    String displayName();

    /** Whether the record is one of this source's, judged by its own fields (never by its wrapper). */
    boolean recognises(JsonNode record);

    /**
     * The normalised event, or null when the record is this source's but carries nothing rules can use.
     *
     * @param trees parses JSON embedded in records within the reader's limits
     */
    AuditEvent normalize(JsonNode record, JsonTrees trees);

    /**
     * Why a record this source recognises gives no event ({@link #normalize} returned null), when that is by
     * design: counted under this reason, not as an unrecognised record ("CrowdStrike Falcon event other than a
     * process start"). Null when there is no such reason.
     */
    default String skipReason(JsonNode record) {
        return null;
    }

    /**
     * The route keys ({@code provider/service}, as events carry them) a rule with this logsource is evaluated on
     * among this source's events; empty when the rule is not for this source.
     */
    List<String> routes(LogSource logsource);

    /**
     * Top-level keys that mark a record as one of this source's envelopes or records, so that another source's
     * screening never passes it over ({@code "protoPayload"}, {@code "CloudTrailEvent"}).
     */
    default Set<String> envelopeKeys() {
        return Set.of();
    }

    /**
     * How this source's records are screened on their top-level scalars before being built. The default builds
     * every record of the source.
     *
     * @param rulesOfRoute the rules routed to a route key
     * @param envelopeKeys every source's and the reader's envelope keys
     */
    default Screening screening(Function<String, List<SigmaRule>> rulesOfRoute, Set<String> envelopeKeys) {
        return Screening.NONE;
    }

    /**
     * Whether one operation is logged as several records (Azure's Started, Accepted and Succeeded) that make one
     * finding, settled from all of them.
     */
    default boolean mergesOperations() {
        return false;
    }
}
