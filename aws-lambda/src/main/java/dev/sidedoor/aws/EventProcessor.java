package dev.sidedoor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidedoor.core.finding.Finding;
import dev.sidedoor.core.finding.Severity;
import dev.sidedoor.core.read.Rejection;
import dev.sidedoor.core.scan.Engine;
import dev.sidedoor.core.scan.InputResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one invocation's payload into the findings to publish: parse with the core's reader, run the engine,
 * keep unsuppressed findings at or above the minimum severity. Never throws for bad input: a payload that is not
 * JSON, or an envelope whose record the core rejects, comes back as {@link Outcome#problems()} for the handler to report.
 */
final class EventProcessor {

    /**
     * What one payload gave.
     *
     * @param eventId        the EventBridge event id (or CloudTrail eventID), or null when none could be read
     * @param toPublish      live findings at or above the minimum severity
     * @param suppressed     findings the tuning file suppressed
     * @param belowThreshold live findings under the minimum severity (TerminateSession is informational)
     * @param events         audit records evaluated
     * @param ignored        why records were passed over without error (an aws.ssm status event...), or empty
     * @param problems       why records could not be read, each naming the event and position; empty when none
     * @param untrustedSource the envelope's source when it is not an AWS service's, so nothing was evaluated; else
     *                       null
     */
    record Outcome(String eventId, List<Finding> toPublish, int suppressed, int belowThreshold, long events,
            List<String> ignored, List<String> problems, String untrustedSource, Judgement judgement) {
    }

    /** Judges an event's findings before they are triaged: the baseline, then the tuning file. */
    interface Judge {
        Judgement judge(List<Finding> findings);

        /** No baseline: the engine already applied the tuning file. */
        Judge NONE = findings -> new Judgement(findings, null, Judgement.RECORDED, 0, 0);
    }

    /**
     * @param findings    every finding, judged
     * @param unavailable why the baseline could not be used (the findings are at their rules' levels), or null
     * @param recording   the writes of what the findings taught, running: completes with null, or why they could
     *                    not be written (the findings were still judged on what the table held)
     * @param reads       state table reads
     * @param writes      state table writes
     */
    record Judgement(List<Finding> findings, String unavailable, java.util.concurrent.CompletableFuture<String> recording,
            int reads, int writes) {
        static final java.util.concurrent.CompletableFuture<String> RECORDED =
                java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** EventBridge refuses PutEvents with a source starting "aws.": only AWS services can send those. */
    static final String AWS_SOURCE_PREFIX = "aws.";

    private final Engine engine;
    private final Severity minSeverity;
    private final Judge judge;

    EventProcessor(Engine engine, Severity minSeverity) {
        this(engine, minSeverity, Judge.NONE);
    }

    EventProcessor(Engine engine, Severity minSeverity, Judge judge) {
        this.engine = engine;
        this.minSeverity = minSeverity;
        this.judge = judge;
    }

    Outcome process(byte[] payload) {
        JsonNode event;
        try {
            event = engine.reader().trees().parse(payload, 0, payload.length);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, List.of(), 0, 0, 0, List.of(),
                    List.of("payload of " + payload.length + " bytes is not a JSON event: " + e.getMessage()), null,
                    Judge.NONE.judge(List.of()));
        }
        String id = eventId(event);
        String untrusted = untrustedSource(event);
        if (untrusted != null) {
            // Anyone allowed to put events on the bus (an organisation-wide bus policy) can shape a custom event
            // like a CloudTrail call; only the source tells them apart.
            return new Outcome(id, List.of(), 0, 0, 0, List.of(), List.of(), untrusted, Judge.NONE.judge(List.of()));
        }
        InputResult result = engine.scan(event, id == null ? "event" : "event " + id);
        Judgement judged = judge.judge(result.findings());
        InputResult.Triage triage = InputResult.triage(judged.findings(), minSeverity);
        List<String> problems = new ArrayList<>();
        for (Rejection r : result.rejections()) {
            problems.add(r.message());
        }
        if (result.stats().rejectedTotal() > problems.size()) {
            problems.add((result.stats().rejectedTotal() - problems.size()) + " more record(s) rejected");
        }
        return new Outcome(id, triage.toPublish(), triage.suppressed(), triage.belowThreshold(),
                result.stats().events(), List.copyOf(result.stats().skipped().keySet()), problems, null, judged);
    }

    /**
     * The source of an EventBridge envelope that no AWS service sent ("(none)" when it has none), or null for an
     * AWS service's event and for a payload that is not an envelope (a direct invoke, which needs IAM rights on
     * the function itself).
     */
    static String untrustedSource(JsonNode event) {
        if (!event.isObject() || !event.has("detail-type") && !event.has("detail")) {
            return null;
        }
        JsonNode source = event.get("source");
        if (source == null || !source.isTextual()) {
            return "(none)";
        }
        String s = source.asText();
        return s.startsWith(AWS_SOURCE_PREFIX) ? null : (s.length() > 200 ? s.substring(0, 200) + "..." : s);
    }

    /** The envelope's id, else the CloudTrail record's own eventID, else null. */
    static String eventId(JsonNode event) {
        JsonNode id = event.get("id");
        if (id != null && id.isTextual()) {
            return id.asText();
        }
        JsonNode eventId = event.path("detail").get("eventID");
        if (eventId == null) {
            eventId = event.get("eventID");
        }
        return eventId != null && eventId.isTextual() ? eventId.asText() : null;
    }
}
