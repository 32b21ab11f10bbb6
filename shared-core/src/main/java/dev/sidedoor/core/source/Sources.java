package dev.sidedoor.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.event.AuditEvent;
import dev.sidedoor.core.read.JsonTrees;
import dev.sidedoor.core.read.LogReader;
import dev.sidedoor.core.sigma.LogSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The log sources sidedoor reads, in the order records are offered to them: a record belongs to the first source
 * that recognises it, so a source whose records also look like a more general one's comes first (Defender and
 * Entra records arrive on the Activity Log's Event Hub with an operationName and a category). Immutable.
 */
public final class Sources {

    /** Every source sidedoor ships. */
    public static final Sources BUILT_IN = new Sources(List.of(
            new dev.sidedoor.core.source.falcon.FalconSource(),
            new dev.sidedoor.core.source.gcpaudit.GcpAuditSource(),
            new dev.sidedoor.core.source.defender.DefenderSource(),
            new dev.sidedoor.core.source.sysmon.SysmonSource(),
            new dev.sidedoor.core.source.entra.EntraSource(),
            new dev.sidedoor.core.source.activitylog.ActivityLogSource(),
            new dev.sidedoor.core.source.cloudtrail.CloudTrailSource()));

    private final List<Source> sources;
    private final Set<String> envelopeKeys;
    /** Providers whose operations arrive as several records: asked for every event, so worked out once. */
    private final Set<String> mergingProviders;
    private final java.util.Map<String, String> displayNames;

    public Sources(List<Source> sources) {
        this.sources = List.copyOf(sources);
        Set<String> keys = new LinkedHashSet<>(LogReader.WRAPPER_KEYS);
        for (Source s : this.sources) {
            keys.addAll(s.envelopeKeys());
        }
        this.envelopeKeys = Set.copyOf(keys);
        Set<String> merging = new java.util.HashSet<>();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (Source s : this.sources) {
            if (s.mergesOperations()) {
                merging.add(s.provider());
            }
            names.putIfAbsent(s.provider(), s.displayName());
        }
        this.mergingProviders = Set.copyOf(merging);
        this.displayNames = java.util.Map.copyOf(names);
    }

    public List<Source> all() {
        return sources;
    }

    /** The source that recognises the record, or null. */
    public Source of(JsonNode record) {
        if (record == null || !record.isObject()) {
            return null;
        }
        for (Source s : sources) {
            if (s.recognises(record)) {
                return s;
            }
        }
        return null;
    }

    /** The normalised event, or null when no source recognises the record or it carries nothing rules use. */
    public AuditEvent normalize(JsonNode record, JsonTrees trees) {
        Source s = of(record);
        return s == null ? null : s.normalize(record, trees);
    }

    /** Why a record gives no event: its source's {@link Source#skipReason}, or {@code fallback}. */
    public String skipReason(JsonNode record, String fallback) {
        Source s = of(record);
        String why = s == null ? null : s.skipReason(record);
        return why == null ? fallback : why;
    }

    /** Every route key a rule with this logsource is evaluated on; empty for a log source nobody reads. */
    public List<String> routes(LogSource logsource) {
        if (logsource == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        for (Source s : sources) {
            for (String r : s.routes(logsource)) {
                if (!out.contains(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The reader's wrapper keys and every source's envelope keys. */
    public Set<String> envelopeKeys() {
        return envelopeKeys;
    }

    /** These sources with {@code replacement} in place of the source of the same {@link Source#name()}. */
    public Sources with(Source replacement) {
        List<Source> out = new ArrayList<>(sources.size());
        for (Source s : sources) {
            out.add(s.name().equals(replacement.name()) ? replacement : s);
        }
        return new Sources(out);
    }

    /** The first source whose events carry this provider, or null. */
    public Source ofProvider(String provider) {
        for (Source s : sources) {
            if (s.provider().equals(provider)) {
                return s;
            }
        }
        return null;
    }

    /** How outputs name a provider: "AWS", "Azure"...; the provider itself when no built-in source has it. */
    public static String displayName(String provider) {
        return provider == null ? null : BUILT_IN.displayNames.getOrDefault(provider, provider);
    }

    /** Whether findings of this provider are settled from all the records of their operation. */
    public static boolean mergesOperations(String provider) {
        return provider != null && BUILT_IN.mergingProviders.contains(provider);
    }
}
