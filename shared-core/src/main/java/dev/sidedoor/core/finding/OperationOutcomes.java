package dev.sidedoor.core.finding;

import dev.sidedoor.core.event.AuditEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * The latest word on each Azure operation, from every record of it, matched or not. A rule may match only the
 * Started or Accepted record (the one that carries the request body), while the Succeeded or Failed record that
 * follows decides the outcome; the finding must report the outcome, its time, and a caller IP from any sibling.
 * Not thread-safe: one per scan or batch. Bounded so a hostile input cannot grow it without limit.
 */
public final class OperationOutcomes {

    static final int MAX_OPERATIONS = 1_000_000;

    private record Latest(String outcome, String time, String errorCode, String sourceIp) {
    }

    private final Map<String, Latest> byKey = new HashMap<>();

    /** Outcomes of no operation yet. */
    public OperationOutcomes() {
    }

    /** Notes one record of an operation; only Azure records share keys across records. */
    public void observe(AuditEvent e) {
        if (!dev.sidedoor.core.source.Sources.mergesOperations(e.provider())) {
            return;
        }
        Latest prev = byKey.get(e.eventKey());
        if (prev == null && byKey.size() >= MAX_OPERATIONS) {
            return;
        }
        String ip = e.sourceIp() != null ? e.sourceIp() : prev == null ? null : prev.sourceIp();
        if (prev == null || rank(e.outcome()) >= rank(prev.outcome())) {
            byKey.put(e.eventKey(), new Latest(e.outcome(), e.time(), e.errorCode(), ip));
        } else if (prev.sourceIp() == null && ip != null) {
            byKey.put(e.eventKey(), new Latest(prev.outcome(), prev.time(), prev.errorCode(), ip));
        }
    }

    /** The finding brought up to its operation's final state, or the finding itself. */
    public Finding settle(Finding f, String eventKey) {
        Latest last = byKey.get(eventKey);
        if (last == null) {
            return f;
        }
        String outcome = f.event().outcome();
        boolean newer = rank(last.outcome()) > rank(outcome);
        String ip = f.sourceIp() != null ? f.sourceIp() : last.sourceIp();
        if (!newer && (ip == null || ip.equals(f.sourceIp()))) {
            return f;
        }
        Finding.EventRef ev = newer
                ? new Finding.EventRef(f.event().id(), last.time(), f.event().action(), f.event().service(),
                        last.outcome(), last.errorCode())
                : f.event();
        Severity severity = f.severity();
        java.util.List<String> notes = new java.util.ArrayList<>(f.notes());
        if (newer && AuditEvent.FAILURE.equals(last.outcome()) && !AuditEvent.FAILURE.equals(outcome)) {
            severity = severity.lower();
            notes.add("severity lowered: the operation failed (" + last.errorCode() + ")");
        }
        java.util.Map<String, String> context = f.context();
        if (newer && context.containsKey("result")) {
            context = new java.util.LinkedHashMap<>(context);
            context.put("result", resultWord(last.outcome()));
        }
        return new Finding(f.findingId(), f.rule(), severity, f.techniques(), f.tactics(), f.provider(), ev,
                f.actor(), f.target(), ip, f.account(), f.region(), f.userAgent(), f.summary(), context,
                f.suppression(), notes, f.baseline(), f.origin());
    }

    private static String resultWord(String outcome) {
        return AuditEvent.SUCCESS.equals(outcome) ? "Success" : AuditEvent.FAILURE.equals(outcome) ? "Failure" : outcome;
    }

    static int rank(String outcome) {
        if (AuditEvent.SUCCESS.equals(outcome) || AuditEvent.FAILURE.equals(outcome)) {
            return 2;
        }
        if (AuditEvent.IN_PROGRESS.equals(outcome)) {
            return 1;
        }
        return 0;
    }
}
