package dev.sidedoor.azure;

import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.baseline.Baselines;
import dev.sidedoor.core.event.EventTimes;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import dev.sidedoor.core.tuning.Tuning;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the core over one trigger batch. Every event body (a diagnostic-settings document {"records":[...]}, or any
 * other shape the core reads) is scanned into one {@link Engine.Batch}, so the Started, Accepted and Succeeded
 * records of one operation become one finding even when they arrive in different events. Never throws for bad
 * input: an event with records the core rejected comes back in {@link Outcome#unreadable()}, whole, with its
 * position and the reasons, and its readable records are still evaluated.
 *
 * <p>With a baseline store, the order is the CLI's ({@code sidedoor scan --state}): findings are judged against
 * each person's routine first, then tuned (so a sensitive target still raises a routine finding), then split by
 * the minimum severity (a routine finding lowered to informational is counted, not published).
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
     * @param baseline        what the baseline did, {@link BaselineReport#NONE} without a store
     */
    record Outcome(List<Finding> toPublish, int suppressed, int belowThreshold, long records, long auditEvents,
            long rejectedRecords, Map<String, Long> ignored, List<Unreadable> unreadable, BaselineReport baseline) {
    }

    /**
     * What the baseline did for one batch.
     *
     * @param judged      findings judged against the store
     * @param unavailable why the store could not be read (every finding then kept its rule's level), or null
     * @param notSaved    why what the batch learnt could not be written, or null
     * @param unjudged    findings reported at their rule's level because the store was unavailable
     */
    record BaselineReport(int judged, String unavailable, String notSaved, int unjudged) {
        static final BaselineReport NONE = new BaselineReport(0, null, null, 0);
    }

    private final Engine engine;
    private final Severity minSeverity;
    private final Supplier<BaselineStore> stores;
    private final Tuning tuning;
    private final Clock clock;
    private final Cooldown cooldown;

    /** Without baselines: every finding at its rule's level. */
    BatchProcessor(Engine engine, Severity minSeverity) {
        this(engine, minSeverity, null, Clock.systemUTC());
    }

    /**
     * @param stores a fresh store per batch (it caches what it read, and writes on close), or null for no baselines
     */
    BatchProcessor(Engine engine, Severity minSeverity, Supplier<BaselineStore> stores, Clock clock) {
        // With a baseline, tuning comes after it, as in the CLI: the batch is scanned untuned.
        this.engine = stores == null ? engine : engine.withTuning(Tuning.none());
        this.tuning = engine.tuning();
        this.minSeverity = minSeverity;
        this.stores = stores;
        this.clock = clock;
        this.cooldown = new Cooldown(clock);
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
        List<Finding> findings = result.findings();
        BaselineReport baseline = BaselineReport.NONE;
        if (stores != null && !findings.isEmpty()) {
            Judgement j = judge(findings);
            baseline = j.report();
            LocalDate today = LocalDate.now(clock);
            findings = j.findings().stream().map(f -> tuning.apply(f, today)).toList();
        }
        InputResult.Triage triage = InputResult.triage(findings, minSeverity);
        return new Outcome(triage.toPublish(), triage.suppressed(), triage.belowThreshold(),
                result.stats().records(), result.stats().events(), result.stats().rejectedTotal(),
                result.stats().skipped(), unreadable, baseline);
    }

    private record Judgement(List<Finding> findings, BaselineReport report) {
    }

    /** Judges the findings (failing open), drops history out of the window, and writes what the batch learnt. */
    private Judgement judge(List<Finding> findings) {
        String skipping = cooldown.skipping();
        BaselineStore store = skipping != null ? Cooldown.unavailable(skipping) : stores.get();
        Baselines baselines = new Baselines(store, tuning.baseline(), engine.detector().rules());
        Baselines.Judged judged = baselines.applyOrFailOpen(findings);
        if (judged.unavailable() != null) {
            if (skipping == null) {
                cooldown.failed(judged.unavailable());
            }
            // Nothing learnt is written: the store could not even be read.
            return new Judgement(judged.findings(), new BaselineReport(0, judged.unavailable(), null,
                    findings.size()));
        }
        String notSaved = null;
        try {
            // The window ends at the batch's latest event, never later than tomorrow (as in the CLI): a record
            // dated 2099 must not evict the whole history.
            long tomorrow = clock.millis() + 86_400_000L;
            findings.stream().mapToLong(f -> EventTimes.epochMillis(f.event().time()))
                    .filter(ms -> ms >= 0 && ms <= tomorrow).max()
                    .ifPresent(ms -> baselines.evict((int) (ms / 86_400_000L)));
            store.close();
        } catch (BaselineStore.UnavailableException e) {
            notSaved = e.getMessage();
            cooldown.failed(notSaved);
        }
        return new Judgement(judged.findings(), new BaselineReport(findings.size(), null, notSaved, 0));
    }
}
