package dev.sidedoor.core.source.falcon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.read.TopLevelFields;
import dev.sidedoor.core.sigma.LogSource;
import dev.sidedoor.core.sigma.SigmaRule;
import dev.sidedoor.core.source.Screening;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Falcon lines judged on {@code event_simpleName} alone: a Data Replicator feed is mostly DNS, network, file and
 * module events, which are skipped without building a tree; process starts are built whenever some rule reads
 * process starts. Mirrors {@link FalconSource#recognises} and {@link FalconSource#normalize}; anything carrying
 * another source's or the reader's envelope keys is left to be built.
 */
final class FalconScreening implements Screening {

    private static final Set<String> OWN = Set.of("event_simpleName", "#event_simpleName");
    private static final List<String> SENSOR_KEYS = List.of("aid", "cid", "event_platform");

    private final Set<String> others;
    private final Set<String> read;
    private final boolean anyProcessRule;

    FalconScreening(Function<String, List<SigmaRule>> rulesOfRoute, Set<String> envelopeKeys) {
        Set<String> o = new HashSet<>(envelopeKeys);
        o.removeAll(OWN);
        // The reader's S3-notification check reads eventSource: such a record is never judged here.
        o.add("eventSource");
        this.others = Set.copyOf(o);
        Set<String> names = new HashSet<>(others);
        names.addAll(OWN);
        names.addAll(SENSOR_KEYS);
        this.read = Set.copyOf(names);
        boolean any = false;
        for (String route : new FalconSource().routes(new LogSource(null, null, "process_creation"))) {
            any |= !rulesOfRoute.apply(route).isEmpty();
        }
        this.anyProcessRule = any;
    }

    @Override
    public Set<String> fields() {
        return read;
    }

    @Override
    public int verdict(TopLevelFields f) {
        String name = simpleName(f);
        if (name == null) {
            return NOT_MINE;
        }
        boolean sensor = false;
        for (String k : SENSOR_KEYS) {
            sensor |= f.has(k);
        }
        if (!sensor) {
            return NOT_MINE;
        }
        if (f.hasAnyOf(others)) {
            return NOT_MINE;
        }
        if (FalconSource.PROCESS_EVENTS.contains(name)) {
            return anyProcessRule ? WANTED : UNWANTED;
        }
        return SKIPPED;
    }

    @Override
    public String skipReason(TopLevelFields fields) {
        return FalconSource.OTHER_EVENT;
    }

    /** As {@link FalconSource#simpleName}: event_simpleName when it is text, else #event_simpleName. */
    private static String simpleName(TopLevelFields f) {
        JsonNode n = f.scalar("event_simpleName");
        if (n == null || !n.isTextual()) {
            n = f.scalar("#event_simpleName");
        }
        return n != null && n.isTextual() && !n.textValue().isEmpty() ? n.textValue() : null;
    }
}
