package dev.sidedoor.azure;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.sidedoor.core.output.JsonText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dead-letter container in the app's own storage account. The Event Hubs trigger moves its checkpoint on
 * whether the function succeeds or not, so whatever could not be published or read is written here, one JSON blob
 * per batch and reason, rather than waiting for a redelivery that will not come:
 * <ul>
 * <li>{@code unpublished/...}: findings Event Grid refused after every retry, as the exact CloudEvents (ready to be
 * sent again as an {@code application/cloudevents-batch+json} body), with the last error;</li>
 * <li>{@code unreadable/...}: Event Hubs events with records the core could not read, each whole, with its
 * partition, sequence number, offset and the reasons;</li>
 * <li>{@code unprocessed/...}: whole batches the function could not process (it could not start: a bad setting
 * or rule; or processing failed unexpectedly), with the error.</li>
 * </ul>
 * A write that fails throws: the function then fails and the host's retry policy runs the batch again.
 */
final class DeadLetters {

    static final String UNPUBLISHED = "unpublished";
    static final String UNREADABLE = "unreadable";
    static final String UNPROCESSED = "unprocessed";
    private static final DateTimeFormatter PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HHmmss.SSS");

    private final BlobContainerClient container;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    DeadLetters(BlobContainerClient container, Clock clock) {
        this.container = container;
        this.clock = clock;
    }

    /** Writes findings that could not be published; returns the blob name. */
    String unpublished(String invocationId, String topic, List<CloudEvent> events, String error) {
        return write(UNPUBLISHED, invocationId, g -> {
            g.writeStringField("reason", "Event Grid did not accept these findings after every retry");
            g.writeStringField("error", error);
            g.writeStringField("topic", topic);
            g.writeNumberField("count", events.size());
            g.writeArrayFieldStart("cloudevents");
            for (CloudEvent e : events) {
                g.writeRawValue(json(e));
            }
            g.writeEndArray();
        });
    }

    /** Writes events with records that could not be read; returns the blob name. */
    String unreadable(String invocationId, List<BatchProcessor.Unreadable> events) {
        return events(UNREADABLE, "records in these Event Hubs events could not be read; each event is kept whole, "
                + "and its readable records were evaluated", invocationId, events);
    }

    /** Writes a whole batch the function could not process at all; returns the blob name. */
    String unprocessed(String invocationId, String error, List<BatchProcessor.Unreadable> events) {
        return events(UNPROCESSED, "these Event Hubs events were not evaluated: " + error, invocationId, events);
    }

    private String events(String kind, String reason, String invocationId, List<BatchProcessor.Unreadable> events) {
        return write(kind, invocationId, g -> {
            g.writeStringField("reason", reason);
            g.writeNumberField("count", events.size());
            g.writeArrayFieldStart("events");
            for (BatchProcessor.Unreadable u : events) {
                g.writeStartObject();
                g.writeStringField("partition", u.position().partition());
                g.writeNumberField("sequence_number", u.position().sequenceNumber());
                g.writeStringField("offset", u.position().offset());
                g.writeStringField("enqueued_time", u.position().enqueuedTime());
                g.writeNumberField("rejected_records", u.rejectedRecords());
                g.writeArrayFieldStart("problems");
                for (String p : u.problems()) {
                    g.writeString(p);
                }
                g.writeEndArray();
                g.writeStringField("body", u.body());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private String write(String kind, String invocationId, JsonText.Body content) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        String name = kind + "/" + PATH.format(now) + "/" + STAMP.format(now) + "-" + safe(invocationId) + "-"
                + sequence.incrementAndGet() + ".json";
        String body = JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("schema", "sidedoor.deadletter/1");
            g.writeStringField("kind", kind);
            g.writeStringField("written_at", now.toInstant().toString());
            g.writeStringField("invocation_id", invocationId);
            content.write(g);
            g.writeEndObject();
        });
        BinaryData data = BinaryData.fromString(body);
        try {
            upload(name, data);
        } catch (RuntimeException e) {
            throw new DeadLetterException("could not write dead letter " + container.getBlobContainerUrl() + "/"
                    + name + " after every retry: " + FindingPublisher.describe(rootCause(e)), e);
        }
        return name;
    }

    private void upload(String name, BinaryData data) {
        try {
            container.getBlobClient(name).upload(data, false);
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.BLOB_ALREADY_EXISTS) {
                // Names are unique: this is our own write, retried after its response was lost.
                return;
            }
            if (e.getErrorCode() != BlobErrorCode.CONTAINER_NOT_FOUND) {
                throw e;
            }
            // The deployment creates the container; recreate it rather than lose what is in hand.
            container.createIfNotExists();
            container.getBlobClient(name).upload(data, false);
        }
    }

    /** Reactor wraps checked causes (ConnectException...) in exceptions whose message says nothing. */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getClass().getName().startsWith("reactor.")) {
            t = t.getCause();
        }
        return t;
    }

    /** The dead-letter container could not be written: the invocation fails so the host retries the batch. */
    static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Invocation ids are GUIDs; anything else is kept out of the blob path. */
    private static String safe(String id) {
        if (id == null || id.isEmpty()) {
            return "no-invocation-id";
        }
        StringBuilder b = new StringBuilder(Math.min(id.length(), 64));
        for (int i = 0; i < id.length() && b.length() < 64; i++) {
            char c = id.charAt(i);
            b.append(Character.isLetterOrDigit(c) && c < 0x80 || c == '-' ? c : '_');
        }
        return b.toString();
    }

    static String json(CloudEvent e) {
        StringWriter w = new StringWriter(1024);
        try (JsonWriter jw = JsonProviders.createWriter(w)) {
            e.toJson(jw);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write CloudEvent " + e.getId(), ex);
        }
        return w.toString();
    }
}
