package dev.sidedoor.core.read;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives what a {@link LogReader} finds in one input, in order. Called from the reading thread only. */
public interface RecordSink {

    /**
     * A candidate audit record, unwrapped from whatever carried it.
     *
     * @param position where it was found, for messages
     * @param record   the record itself (a CloudTrail record, an Azure record or a GCP LogEntry)
     */
    void record(Position position, JsonNode record);

    /**
     * The next {@link #record} had string values longer than the reader keeps: they were cut (each value ends with
     * a marker) and the record is handed on to be evaluated. Called just before that record.
     *
     * @param notes one per cut field, "field userAgent clipped from 10485760 bytes to 1048576 characters"
     */
    default void clipped(Position position, java.util.List<String> notes) {
    }

    /** Something that could not be read; the reader carries on with the next record. */
    void rejected(Rejection rejection);

    /**
     * A well-formed record that the screen showed no rule can match; it was read but not built. Counted as an
     * audit event. Given its number and line rather than a {@link Position}, since most records end here and
     * nothing more is asked of them.
     */
    default void passedOver(long index, long line) {
    }

    /** A well-formed document that is deliberately not scanned (an S3 notification, a native aws.ssm status event). */
    void skipped(String reason);

    /**
     * The reader accepted something outside plain JSON in a records array (a comment between or inside records,
     * a record only Jackson's leniency reads), at {@code line}. Nothing is lost; a reader of part of a file learns
     * that its pass may not match the whole file's (a quote in a comment misleads the long-string scan).
     */
    default void lenient(long line) {
    }
}
