package dev.sidedoor.core.finding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collapses the findings that share an id into one. Azure writes several records for one operation (Started,
 * Accepted, Succeeded) with one correlation id; they yield one finding, taken from the most conclusive record
 * (success, then failure, then anything else), with a missing caller IP or actor copied from a sibling. For other
 * providers a repeated id is the same event seen twice (an S3 file and an EventBridge export): the first stays.
 * The merged finding's origin is that of the record it was taken from (for Azure the most conclusive record, whose
 * event id and outcome the finding carries).
 * Not thread-safe: one merger per scan or batch.
 */
public final class FindingMerger {

    private final Map<String, Finding> byId = new LinkedHashMap<>();
    private long duplicates;

    /** A merger that has seen nothing yet. */
    public FindingMerger() {
    }

    /** Adds a finding; returns true when it is the first with its id. */
    public boolean add(Finding f) {
        Finding prev = byId.get(f.findingId());
        if (prev == null) {
            byId.put(f.findingId(), f);
            return true;
        }
        duplicates++;
        byId.put(f.findingId(), merge(prev, f));
        return false;
    }

    public Iterable<Finding> findings() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** Findings folded into an earlier one with the same id. */
    public long duplicates() {
        return duplicates;
    }

    static Finding merge(Finding a, Finding b) {
        Finding best = rank(b) > rank(a) ? b : a;
        Finding other = best == a ? b : a;
        String ip = best.sourceIp() != null ? best.sourceIp() : other.sourceIp();
        String actor = best.actor() != null ? best.actor() : other.actor();
        String ua = best.userAgent() != null ? best.userAgent() : other.userAgent();
        // The request body (extension publisher and type, script) is logged on the Started record only.
        Map<String, String> context = new LinkedHashMap<>(other.context());
        context.putAll(best.context());
        return new Finding(best.findingId(), best.rule(), best.severity(), best.techniques(), best.tactics(),
                best.provider(), best.event(), actor, best.target(), ip, best.account(), best.region(), ua,
                best.summary(), context, best.suppression(), best.notes(), best.baseline(), best.origin());
    }

    private static int rank(Finding f) {
        String outcome = f.event().outcome();
        if ("success".equals(outcome)) {
            return 3;
        }
        if ("failure".equals(outcome)) {
            return 2;
        }
        if ("in_progress".equals(outcome)) {
            return 1;
        }
        return 0;
    }
}
