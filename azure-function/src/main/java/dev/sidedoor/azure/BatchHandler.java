package dev.sidedoor.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.models.CloudEvent;
import dev.sidedoor.azure.state.NotificationLedger;
import dev.sidedoor.azure.state.TableBaselineStore;
import dev.sidedoor.core.baseline.BaselineStore;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.scan.Bootstrap;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.FunctionEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * One trigger batch, end to end: detect, judge against the baseline, publish to Event Grid what the ledger has not
 * seen published, mark it, dead-letter what could not be published or read, log the counts. Nothing may wait for a
 * redelivery (the trigger checkpoints either way), so the only failure it throws is a dead letter that could not be
 * written; the host's retry policy then runs the batch again, and the ledger keeps it from publishing twice.
 */
final class BatchHandler {

    /** What one batch did; for the log line and for tests. */
    record Report(int eventHubEvents, BatchProcessor.Outcome outcome, int published, int unpublished,
            List<String> deadLetterBlobs, LedgerReport ledger) {
    }

    /**
     * What the ledger did for one batch.
     *
     * @param notified     findings set aside: already published for their operation
     * @param superseded   findings set aside: a more specific rule was published for their operation
     * @param unavailable  why the ledger could not be read or written, or null
     */
    record LedgerReport(int notified, int superseded, String unavailable) {
        static final LedgerReport NONE = new LedgerReport(0, 0, null);
    }

    private final BatchProcessor processor;
    private final FindingEvents findingEvents;
    private final FindingPublisher publisher;
    private final DeadLetters deadLetters;
    private final String topic;
    /** Null without a ledger table: every batch publishes all it found. */
    private final Notifications notifications;

    BatchHandler(BatchProcessor processor, FindingEvents findingEvents, FindingPublisher publisher,
            DeadLetters deadLetters, String topic) {
        this(processor, findingEvents, publisher, deadLetters, topic, null);
    }

    BatchHandler(BatchProcessor processor, FindingEvents findingEvents, FindingPublisher publisher,
            DeadLetters deadLetters, String topic, Notifications notifications) {
        this.processor = processor;
        this.findingEvents = findingEvents;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.topic = topic;
        this.notifications = notifications;
    }

    /** Everything from the app settings: rules, tuning, and clients authenticated by the managed identity. */
    static BatchHandler fromEnvironment(Map<String, String> env, Clock clock) {
        Config config = Config.fromEnvironment(env);
        TokenCredential identity = AzureClients.managedIdentity(config.identityClientId());
        HttpClient http = AzureClients.httpClient();
        return create(config, identity, http, AzureClients.BASE_DELAY, clock);
    }

    /** For tests and benchmarks: a given credential, HTTP client and first retry delay. */
    static BatchHandler create(Config config, TokenCredential credential, HttpClient http, Duration retryDelay,
            Clock clock) {
        return create(config, credential, http, retryDelay, clock, UnaryOperator.identity());
    }

    /** The same, with the ledger wrapped by {@code ledgerWrapper} (tests inject a crash between publish and mark). */
    static BatchHandler create(Config config, TokenCredential credential, HttpClient http, Duration retryDelay,
            Clock clock, UnaryOperator<Notifications> ledgerWrapper) {
        Bootstrap.Started started = FunctionEngine.start(config.shared(), clock);
        Engine engine = started.engine();
        Config.Tables tables = config.tables();
        Supplier<BaselineStore> stores = null;
        if (tables.baselineTable() != null) {
            // One client for the worker, one store per batch: the store caches what it read for that batch only.
            var client = AzureClients.table(tables.endpoint(), tables.baselineTable(), credential, http, retryDelay);
            int historyDays = engine.tuning().baseline().historyDays();
            stores = () -> new TableBaselineStore(client, historyDays);
        }
        Notifications notifications = null;
        if (tables.ledgerTable() != null) {
            notifications = ledgerWrapper.apply(new Notifications(new NotificationLedger(AzureClients.table(
                    tables.endpoint(), tables.ledgerTable(), credential, http, retryDelay), clock),
                    engine.detector()::supersededBy, new Cooldown(clock)));
        }
        BatchHandler handler = new BatchHandler(new BatchProcessor(engine, config.shared().minSeverity(), stores,
                clock),
                new FindingEvents(config.shared().findingFormat(Version.current())),
                new FindingPublisher(AzureClients.eventGrid(config.eventGridEndpoint(), credential, http,
                        config.shared().maxAttempts(), retryDelay)),
                new DeadLetters(AzureClients.deadLetterContainer(config.deadLetterBlobUri(),
                        config.deadLetterContainer(), credential, http, retryDelay), clock),
                config.eventGridEndpoint().toString(), notifications);
        synchronized (handler.startUpWarnings) {
            handler.startUpWarnings.addAll(started.warnings());
        }
        return handler;
    }

    /** Said once, in the first batch's log: the worker has no logger before its first invocation. */
    private final List<String> startUpWarnings = new ArrayList<>();

    Report handle(List<String> bodies, List<EventPosition> positions, String invocationId, Logger log) {
        List<String> warnings;
        synchronized (startUpWarnings) {
            warnings = List.copyOf(startUpWarnings);
            startUpWarnings.clear();
        }
        for (String w : warnings) {
            BatchLog.warn(log, "tuning", Map.of("warning", w));
        }
        BatchProcessor.Outcome outcome = processor.process(bodies, positions);
        baselineErrors(outcome.baseline(), invocationId, log);
        // Every loss is logged before anything is written, so a dead letter that fails leaves a trace of it.
        for (BatchProcessor.Unreadable u : outcome.unreadable()) {
            Map<String, Object> fields = position(invocationId, u.position());
            fields.put("rejected_records", u.rejectedRecords());
            fields.put("problems", u.problems());
            BatchLog.error(log, "records could not be read", fields);
        }
        Notifications.Plan plan = notifications == null ? null : notifications.plan(outcome.toPublish());
        List<Finding> toPublish = plan == null ? outcome.toPublish() : plan.publish();
        String ledgerError = plan == null ? null : plan.unavailable();
        if (ledgerError != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("invocation_id", invocationId);
            fields.put("error", ledgerError);
            fields.put("finding_ids", toPublish.stream().map(f -> (Object) f.findingId()).toList());
            BatchLog.error(log, "ledger unavailable: publishing every finding, some may repeat", fields);
        }
        List<CloudEvent> events = new ArrayList<>(toPublish.size());
        Map<CloudEvent, Finding> findingOf = new java.util.IdentityHashMap<>();
        int unrendered = 0;
        for (Finding f : toPublish) {
            try {
                CloudEvent event = findingEvents.of(f);
                events.add(event);
                findingOf.put(event, f);
            } catch (RuntimeException e) {
                // One finding that cannot be rendered costs only itself; what there is of it goes to the log.
                unrendered++;
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("invocation_id", invocationId);
                fields.put("finding_id", f.findingId());
                fields.put("rule", f.rule().name());
                fields.put("error", e.toString());
                fields.put("finding", String.valueOf(f).substring(0, Math.min(LastResort.MAX_CHARS,
                        String.valueOf(f).length())));
                BatchLog.error(log, "finding could not be rendered", fields);
            }
        }
        List<FindingPublisher.Failure> failures = publisher.publish(events);
        int unpublished = 0;
        for (FindingPublisher.Failure failure : failures) {
            unpublished += failure.events().size();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("invocation_id", invocationId);
            fields.put("error", failure.error());
            fields.put("finding_ids", ids(failure.events()));
            BatchLog.error(log, "findings not published after every retry", fields);
        }
        if (notifications != null) {
            String markError = mark(events, failures, findingOf, invocationId, log);
            ledgerError = ledgerError != null ? ledgerError : markError;
        }
        List<String> blobs = new ArrayList<>();
        List<DeadLetters.DeadLetterException> notWritten = new ArrayList<>();
        for (FindingPublisher.Failure failure : failures) {
            try {
                blobs.add(deadLetters.unpublished(invocationId, topic, failure.events(), failure.error()));
            } catch (DeadLetters.DeadLetterException e) {
                notWritten.add(e);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("invocation_id", invocationId);
                fields.put("error", e.getMessage());
                fields.put("finding_ids", ids(failure.events()));
                BatchLog.error(log, "unpublished findings could not be dead-lettered", fields);
                // The last copy there is, should every retry of the batch fail too: each finding whole, in pieces.
                for (LastResort.Piece piece : LastResort.pieces(failure.events())) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    copy.put("invocation_id", invocationId);
                    copy.put("cloudevent_id", piece.eventId());
                    copy.put("part", piece.part());
                    copy.put("parts", piece.parts());
                    copy.put("cloudevent", piece.text());
                    BatchLog.error(log, "unpublished finding, last copy", copy);
                }
            }
        }
        if (!outcome.unreadable().isEmpty()) {
            try {
                blobs.add(deadLetters.unreadable(invocationId, outcome.unreadable()));
            } catch (DeadLetters.DeadLetterException e) {
                notWritten.add(e);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("invocation_id", invocationId);
                fields.put("error", e.getMessage());
                fields.put("events", outcome.unreadable().stream().map(u -> (Object) u.position().label()).toList());
                BatchLog.error(log, "unreadable events could not be dead-lettered", fields);
            }
        }
        LedgerReport ledger = plan == null ? LedgerReport.NONE
                : new LedgerReport(plan.notified().size(), plan.superseded().size(), ledgerError);
        Report report = new Report(bodies.size(), outcome, events.size() - unpublished, unpublished + unrendered,
                blobs, ledger);
        summary(report, positions, invocationId, log);
        if (!notWritten.isEmpty()) {
            DeadLetters.DeadLetterException first = notWritten.get(0);
            throw new DeadLetters.DeadLetterException(notWritten.size() + " dead letter(s) could not be written; "
                    + "the batch fails so the retry policy runs it again. First: " + first.getMessage(), first);
        }
        return report;
    }

    /**
     * Marks what Event Grid took, after it took it: a crash before this line repeats those notifications once
     * (same CloudEvent ids); nothing that failed is marked, so a re-run or a redelivery publishes it again.
     * Returns why marking failed, or null.
     */
    private String mark(List<CloudEvent> events, List<FindingPublisher.Failure> failures,
            Map<CloudEvent, Finding> findingOf, String invocationId, Logger log) {
        java.util.Set<CloudEvent> failed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        failures.forEach(x -> failed.addAll(x.events()));
        Map<Finding, String> published = new LinkedHashMap<>();
        for (CloudEvent e : events) {
            if (!failed.contains(e)) {
                published.put(findingOf.get(e), e.getId());
            }
        }
        if (published.isEmpty()) {
            return null;
        }
        try {
            notifications.purge();
        } catch (BaselineStore.UnavailableException e) {
            // Old marks are never read again: they cost a little storage until a later purge.
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("invocation_id", invocationId);
            fields.put("error", e.getMessage());
            BatchLog.error(log, "ledger unavailable: old marks not purged", fields);
        }
        try {
            notifications.mark(published);
            return null;
        } catch (BaselineStore.UnavailableException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("invocation_id", invocationId);
            fields.put("error", e.getMessage());
            fields.put("cloudevent_ids", List.copyOf(published.values()));
            BatchLog.error(log, "ledger unavailable: published findings not marked, a redelivery repeats them",
                    fields);
            return e.getMessage();
        }
    }

    private static void baselineErrors(BatchProcessor.BaselineReport b, String invocationId, Logger log) {
        if (b.unavailable() != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("invocation_id", invocationId);
            fields.put("error", b.unavailable());
            fields.put("baseline_unavailable", b.unjudged());
            BatchLog.error(log, "baseline unavailable: findings reported at their rules' levels", fields);
        }
        if (b.notSaved() != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("invocation_id", invocationId);
            fields.put("error", b.notSaved());
            BatchLog.error(log, "baseline not saved: this batch's routine is not learnt", fields);
        }
    }

    private static Map<String, Object> position(String invocationId, EventPosition p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("invocation_id", invocationId);
        fields.put("partition", p.partition());
        fields.put("sequence_number", p.sequenceNumber());
        fields.put("offset", p.offset());
        fields.put("enqueued_time", p.enqueuedTime());
        return fields;
    }

    private static List<Object> ids(List<CloudEvent> events) {
        List<Object> ids = new ArrayList<>(events.size());
        for (CloudEvent e : events) {
            ids.add(e.getId());
        }
        return ids;
    }

    private static void summary(Report r, List<EventPosition> positions, String invocationId, Logger log) {
        BatchProcessor.Outcome o = r.outcome();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("invocation_id", invocationId);
        if (!positions.isEmpty()) {
            fields.put("partition", positions.get(0).partition());
            fields.put("first_sequence", positions.get(0).sequenceNumber());
            fields.put("last_sequence", positions.get(positions.size() - 1).sequenceNumber());
        }
        fields.put("eventhub_events", r.eventHubEvents());
        fields.put("records", o.records());
        fields.put("audit_events", o.auditEvents());
        fields.put("findings", o.toPublish().size() + o.suppressed() + o.belowThreshold());
        fields.put("published", r.published());
        fields.put("unpublished", r.unpublished());
        fields.put("suppressed", o.suppressed());
        fields.put("below_threshold", o.belowThreshold());
        fields.put("rejected_records", o.rejectedRecords());
        fields.put("ignored_records", o.ignored().values().stream().mapToLong(Long::longValue).sum());
        fields.put("dead_letter_blobs", r.deadLetterBlobs());
        fields.put("baseline_judged", o.baseline().judged());
        fields.put("baseline_unavailable", o.baseline().unjudged());
        fields.put("already_notified", r.ledger().notified());
        fields.put("superseded_earlier", r.ledger().superseded());
        fields.put("ledger_unavailable", r.ledger().unavailable() == null ? 0 : 1);
        fields.put("finding_ids", o.toPublish().stream().map(f -> (Object) f.findingId()).toList());
        if (r.unpublished() > 0 || o.rejectedRecords() > 0) {
            BatchLog.error(log, "batch processed with dead letters", fields);
        } else {
            BatchLog.info(log, "batch processed", fields);
        }
    }
}
