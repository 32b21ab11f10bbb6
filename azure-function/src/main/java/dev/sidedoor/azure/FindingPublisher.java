package dev.sidedoor.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.models.CloudEvent;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends CloudEvents to the Event Grid topic in requests under Event Grid's 1 MB limit. Each request gets the
 * client's exponential-backoff retries; a request that still fails is reported with its events, and the others are
 * still sent. A request Event Grid refuses for its content (400, 413) is split until the events it refuses are
 * alone.
 */
final class FindingPublisher {

    /** Events that could not be published after every attempt, and the last error. */
    record Failure(List<CloudEvent> events, String error) {
    }

    /** Event Grid takes at most 1 MB per request; the estimate below leaves room for the envelope. */
    static final int MAX_REQUEST_BYTES = 900_000;
    private static final int ATTRIBUTE_ALLOWANCE = 1_024;

    private final EventGridPublisherClient<CloudEvent> client;

    FindingPublisher(EventGridPublisherClient<CloudEvent> client) {
        this.client = client;
    }

    /** Publishes every event; returns what failed, empty when all went out. */
    List<Failure> publish(List<CloudEvent> events) {
        List<Failure> failures = new ArrayList<>();
        for (List<CloudEvent> chunk : chunks(events)) {
            send(chunk, failures);
        }
        return failures;
    }

    private void send(List<CloudEvent> chunk, List<Failure> failures) {
        try {
            client.sendEvents(chunk);
        } catch (RuntimeException e) {
            // azure-core throws unchecked exceptions only: HTTP errors, I/O and authentication failures alike.
            if (chunk.size() > 1 && refusesContent(e)) {
                // Event Grid takes or refuses a request whole: halve it so one event it refuses costs only itself.
                send(chunk.subList(0, chunk.size() / 2), failures);
                send(chunk.subList(chunk.size() / 2, chunk.size()), failures);
            } else {
                failures.add(new Failure(List.copyOf(chunk), describe(e)));
            }
        }
    }

    /** 400 or 413: something in the request itself, which a retry of the same request cannot cure. */
    private static boolean refusesContent(RuntimeException e) {
        if (e instanceof HttpResponseException h && h.getResponse() != null) {
            int status = h.getResponse().getStatusCode();
            return status == 400 || status == 413;
        }
        return false;
    }

    static List<List<CloudEvent>> chunks(List<CloudEvent> events) {
        List<List<CloudEvent>> chunks = new ArrayList<>();
        List<CloudEvent> current = new ArrayList<>();
        long size = 0;
        for (CloudEvent e : events) {
            long s = estimate(e);
            if (!current.isEmpty() && size + s > MAX_REQUEST_BYTES) {
                chunks.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(e);
            size += s;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static long estimate(CloudEvent e) {
        Long data = e.getData() == null ? null : e.getData().getLength();
        return (data == null ? 0 : data) + (e.getSubject() == null ? 0 : e.getSubject().length()) + ATTRIBUTE_ALLOWANCE;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        Throwable cause = e.getCause();
        if ((m == null || m.isBlank()) && cause != null) {
            m = cause.toString();
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
