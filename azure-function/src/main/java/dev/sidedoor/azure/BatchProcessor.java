package dev.sidedoor.azure;

import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the core over one trigger batch. Every event body (a diagnostic-settings document {"records":[...]}, or any
 * other shape the core reads) is scanned into one {@link Engine.Batch}, so the Started, Accepted and Succeeded
 * records of one operation become one finding even when they arrive in different events. Never throws for bad
 * input: an event with records the core rejected comes back in {@link Outcome#unreadable()}, whole, with its
 * position and the reasons, and its readable records are still evaluated.
 */
final class BatchProcessor {

    /** An event some of whose records could not be read: kept whole for the dead-letter container. */
    record Unreadable(EventPosition position, String body, long rejectedRecords, List<String> problems) {
    }

    /**
     * What one batch gave.
     *
     * @param toPublish       live findings at or above the minimum severity
     * @param suppressed      findings the tuning file suppressed
     * @param belowThreshold  live findings under the minimum severity
     * @param records         records read
     * @param auditEvents     records recognised as audit events and evaluated
     * @param rejectedRecords records that could not be read
     * @param ignored         records passed over without error, by reason (sign-in logs are not audit events)
     * @param unreadable      the events those rejected records came from
     */
    record Outcome(List<Finding> toPublish, int suppressed, int belowThreshold, long records, long auditEvents,
            long rejectedRecords, Map<String, Long> ignored, List<Unreadable> unreadable) {
    }

    private final Engine engine;
    private final Severity minSeverity;

    BatchProcessor(Engine engine, Severity minSeverity) {
        this.engine = engine;
        this.minSeverity = minSeverity;
    }

    Outcome process(List<String> bodies, List<EventPosition> positions) {
        Engine.Batch batch = engine.batch();
        List<Unreadable> unreadable = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i) == null ? "" : bodies.get(i);
            Engine.Rejections rejected = batch.scan(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                    positions.get(i).label());
            if (rejected.count() > 0) {
                List<String> problems = new ArrayList<>(rejected.first().size());
                for (Rejection r : rejected.first()) {
                    problems.add(r.message());
                }
                unreadable.add(new Unreadable(positions.get(i), body, rejected.count(), problems));
            }
        }
        InputResult result = batch.finish();
        InputResult.Triage triage = result.triage(minSeverity);
        return new Outcome(triage.toPublish(), triage.suppressed(), triage.belowThreshold(),
                result.stats().records(), result.stats().events(), result.stats().rejectedTotal(),
                result.stats().skipped(), unreadable);
    }
}
