package dev.sidedoor.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sidedoor.core.output.JsonText;
import dev.sidedoor.core.scan.Bootstrap;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.FunctionEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import dev.sidedoor.aws.state.DynamoApi;
import dev.sidedoor.aws.state.DynamoLedger;
import dev.sidedoor.core.tuning.Tuning;

/**
 * The Lambda entry point for EventBridge "AWS API Call via CloudTrail" events: parse, run the core, publish.
 * Rules, tuning and the SNS client are built once per container, at init (and so into a SnapStart snapshot);
 * {@link #beforeCheckpoint} warms the detection and JSON paths before the snapshot is taken.
 *
 * <p>An invocation fails (and Lambda's async retries and on-failure destination keep the event) when a finding
 * could not be published after every retry, or when the event could not be read. Nothing is dropped silently.
 */
public final class Handler implements RequestStreamHandler, Resource {

    private final EventProcessor processor;
    private final FindingPublisher publisher;
    private final Telemetry telemetry;
    private final Priming priming;

    /** Used by the Lambda runtime: everything from the environment. */
    public Handler() {
        this(Config.fromEnvironment(System.getenv()), null, Clock.systemUTC(), System.out);
        Core.getGlobalContext().register(this);
    }

    /** For tests and benchmarks: an explicit SNS endpoint (null means the environment's). */
    Handler(Config config, SnsApi sns, Clock clock, PrintStream logOut) {
        this(config, sns, null, clock, logOut, l -> l);
    }

    /**
     * For tests: explicit SNS and DynamoDB clients (null means the environment's), and a wrapper around the ledger
     * (to inject a crash between publishing and marking).
     */
    Handler(Config config, SnsApi sns, DynamoApi dynamo, Clock clock, PrintStream logOut,
            java.util.function.UnaryOperator<Ledger> ledgerWrapper) {
        // The credentials chain, the HTTP transport and the signer load on Lambda's second vCPU (and during
        // SnapStart's init) while the rules compile on the first.
        java.util.concurrent.CompletableFuture<SnsApi> snsBuilt = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    SnsApi api = sns != null ? sns : SnsApi.create(config);
                    SnsApi.prime();
                    return api;
                }, runnable -> {
                    Thread t = new Thread(runnable, "sidedoor-sns-client");
                    t.setDaemon(true);
                    t.start();
                });
        DynamoApi db = null;
        if (config.stateTable() != null) {
            db = dynamo != null ? dynamo : DynamoApi.create();
            DynamoApi warming = db;
            // The state path's code and connection warm up after the SNS client, on the same second thread.
            snsBuilt = snsBuilt.thenApply(client -> {
                warming.warm(config.stateTable());
                return client;
            });
        }
        // EventBridge delivers CloudTrail alone: the pack's other rules could never match here.
        Bootstrap.Started started = FunctionEngine.start(config.shared(), clock,
                () -> dev.sidedoor.core.rules.BuiltInRules.loadFolders("aws"));
        Engine engine = started.engine();
        FindingMessages messages = new FindingMessages(config.shared().findingFormat(Version.current()));
        ChatNotification chat = new ChatNotification();
        Ledger ledger = Ledger.NONE;
        EventProcessor primingProcessor;
        if (config.stateTable() != null) {
            // The tuning file applies after the baseline, as in `sidedoor scan --state`.
            ledger = ledgerWrapper.apply(Ledger.of(new DynamoLedger(db, config.stateTable()), clock));
            Baselining judge = new Baselining(db, config.stateTable(), engine.tuning(), engine.detector().rules(),
                    clock, ledger);
            this.processor = new EventProcessor(engine.withTuning(Tuning.none()), config.minSeverity(), judge);
            // Priming must never write its sample event into the organisation's baseline or ledger.
            primingProcessor = new EventProcessor(engine.withTuning(Tuning.none()), config.minSeverity(),
                    Baselining.inMemory(engine.tuning(), engine.detector().rules(), clock));
        } else {
            this.processor = new EventProcessor(engine, config.minSeverity());
            primingProcessor = processor;
        }
        this.priming = new Priming(primingProcessor, messages, chat,
                config.stateTable() != null ? () -> {
                    SnsApi.prime();
                    DynamoApi.prime();
                } : SnsApi::prime);
        // One pass of detection and rendering while the second thread is still building the publisher: the first
        // event then finds that code loaded, and a cold start pays for it where a core is idle anyway.
        priming.detect(1);
        this.publisher = new FindingPublisher(snsClient(snsBuilt), config, messages, chat,
                config.stateTable() != null ? ledger : ledgerWrapper.apply(ledger));
        this.telemetry = new Telemetry(logOut, clock, config.metricsNamespace(), config.functionName());

        telemetry.log("INFO", "sidedoor ready", Map.of(
                "rules", engine.detector().rules().size(),
                "min_severity", config.minSeverity().label(),
                "format", config.format().name().toLowerCase(java.util.Locale.ROOT),
                "chat", config.chatTopicArn() != null ? "on" : "off",
                "state_table", config.stateTable() != null ? config.stateTable() : "none",
                "tuning", engine.tuning().isEmpty() ? "none" : engine.tuning().source()));
        for (String warning : started.warnings()) {
            telemetry.log("WARN", "tuning", Map.of("warning", warning));
        }
    }

    /** The publisher built on its own thread; its failure is the init's failure, with the same message. */
    private static SnsApi snsClient(java.util.concurrent.CompletableFuture<SnsApi> built) {
        try {
            return built.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        EventProcessor.Outcome outcome = processor.process(payload);
        String requestId = context == null ? null : context.getAwsRequestId();
        if (outcome.untrustedSource() != null) {
            reportUntrusted(outcome, requestId);
            output.write(JsonText.write(g -> {
                g.writeStartObject();
                g.writeStringField("event_id", outcome.eventId());
                g.writeNumberField("published", 0);
                g.writeStringField("ignored", "source is not an AWS service");
                g.writeEndObject();
            }).getBytes(StandardCharsets.UTF_8));
            return;
        }
        FindingPublisher.Result result = publisher.publish(outcome.toPublish());
        List<FindingPublisher.Failure> failures = result.failures();
        String notRecorded = outcome.judgement().recording().join();
        report(outcome, result, notRecorded, requestId);
        if (!failures.isEmpty()) {
            throw new PublishFailedException("event " + outcome.eventId() + ": " + failures.size() + " of "
                    + (outcome.toPublish().size() * publisher.messagesPerFinding())
                    + " message(s) could not be published after every retry; first: " + failures.get(0).error()
                    + ". The invocation fails so Lambda retries the event; findings keep their ids.");
        }
        if (!outcome.problems().isEmpty()) {
            throw new MalformedEventException("event " + outcome.eventId() + " could not be read: "
                    + outcome.problems().get(0));
        }
        output.write(JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("event_id", outcome.eventId());
            g.writeNumberField("published", outcome.toPublish().size() - result.alreadyPublished());
            g.writeNumberField("already_published", result.alreadyPublished());
            g.writeEndObject();
        }).getBytes(StandardCharsets.UTF_8));
    }

    /** A forged or misrouted event: not evaluated, not retried, but never silent. */
    private void reportUntrusted(EventProcessor.Outcome o, String requestId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", requestId);
        fields.put("event_id", o.eventId());
        fields.put("source", o.untrustedSource());
        fields.put("why", "only AWS services send events with an aws.* source; a custom event shaped like a "
                + "CloudTrail call is not evidence of one. Check who can put events on the bus.");
        telemetry.log("WARN", "event from a source that is not an AWS service ignored", fields);
        telemetry.metrics(Map.of("UntrustedSource", 1L));
    }

    private void report(EventProcessor.Outcome o, FindingPublisher.Result result, String notRecorded,
            String requestId) {
        List<FindingPublisher.Failure> failures = result.failures();
        EventProcessor.Judgement judged = o.judgement();
        if (judged.unavailable() != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("request_id", requestId);
            fields.put("event_id", o.eventId());
            fields.put("error", judged.unavailable());
            fields.put("effect", "findings published at their rules' levels, with the note 'baseline unavailable'");
            telemetry.log("ERROR", "baseline unavailable", fields);
        }
        if (notRecorded != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("request_id", requestId);
            fields.put("event_id", o.eventId());
            fields.put("error", notRecorded);
            fields.put("effect", "findings judged and published; this event's days are missing from the baseline");
            telemetry.log("ERROR", "baseline not updated", fields);
        }
        for (String error : result.ledgerErrors()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("request_id", requestId);
            fields.put("event_id", o.eventId());
            fields.put("error", error);
            fields.put("effect", "the message was published; a redelivery of this event may publish it again");
            telemetry.log("ERROR", "published-findings ledger unavailable", fields);
        }
        for (FindingPublisher.Failure f : failures) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("request_id", requestId);
            fields.put("event_id", o.eventId());
            fields.put("finding_id", f.findingId());
            fields.put("topic", f.topicArn());
            fields.put("error", f.error());
            telemetry.log("ERROR", "finding not published after every retry", fields);
        }
        if (!o.problems().isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("request_id", requestId);
            fields.put("event_id", o.eventId());
            fields.put("problems", o.problems());
            telemetry.log("ERROR", "malformed event", fields);
        }
        long published = o.toPublish().size() - failures.stream().map(FindingPublisher.Failure::findingId)
                .distinct().count();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", requestId);
        fields.put("event_id", o.eventId());
        fields.put("events", o.events());
        fields.put("published", published - result.alreadyPublished());
        if (result.alreadyPublished() > 0) {
            fields.put("already_published", result.alreadyPublished());
        }
        fields.put("finding_ids", o.toPublish().stream().map(f -> f.findingId()).toList());
        fields.put("suppressed", o.suppressed());
        fields.put("below_threshold", o.belowThreshold());
        if (!o.ignored().isEmpty()) {
            fields.put("ignored", o.ignored());
        }
        telemetry.log(failures.isEmpty() && o.problems().isEmpty() ? "INFO" : "ERROR", "event processed", fields);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("Events", o.events());
        counts.put("Findings", (long) (o.toPublish().size() + o.suppressed() + o.belowThreshold()));
        counts.put("Published", published - result.alreadyPublished());
        counts.put("AlreadyPublished", (long) result.alreadyPublished());
        counts.put("BaselineUnavailable", judged.unavailable() != null || notRecorded != null ? 1L : 0L);
        counts.put("LedgerErrors", (long) result.ledgerErrors().size());
        counts.put("StateReads", (long) judged.reads());
        counts.put("StateWrites", (long) judged.writes());
        counts.put("Suppressed", (long) o.suppressed());
        counts.put("BelowThreshold", (long) o.belowThreshold());
        counts.put("Ignored", (long) o.ignored().size());
        counts.put("Errors", (long) o.problems().size());
        counts.put("PublishFailures", (long) failures.size());
        telemetry.metrics(counts);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming.run();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: credentials are resolved through the default chain on every request.
    }

    /** Thrown when findings could not be published; Lambda then retries the event. */
    static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message) {
            super(message);
        }
    }

    /** Thrown when the event could not be read; after Lambda's retries it lands in the on-failure destination. */
    static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String message) {
            super(message);
        }
    }
}
