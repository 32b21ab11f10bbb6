package dev.sidedoor.core.baseline;

import java.util.OptionalInt;

/**
 * What a baseline remembers: for each key (a person and one attribute value, such as a network block), the days on
 * which it was seen, within the history window. Days are UTC epoch days of event time, never of processing time.
 *
 * <p>Every operation is idempotent and works on one key at a time, so that a store can be a DynamoDB table or an
 * Azure table (a conditional update per key, no scans) as well as a file: adding a day twice changes nothing, which
 * is what makes a rescan of the same logs harmless.
 */
public interface BaselineStore extends AutoCloseable {

    /**
     * Thrown by a store that cannot be reached (a DynamoDB table or Azure table unreachable or throttling after its
     * retries). {@link Baselines#applyOrFailOpen} then reports every finding at its rule's level.
     */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The keys a judgement is about to read (days, members and times): a remote store fetches them in batches; a
     * local one has nothing to do.
     */
    default void prefetch(java.util.Collection<String> days, java.util.Collection<String> members,
            java.util.Collection<String> times) {
    }

    /** True for a store whose {@link #prefetch} does something: the key lists are only built for such a store. */
    default boolean prefetches() {
        return false;
    }

    /** The days on which {@code key} was seen, ascending; empty when never (or all evicted). */
    int[] days(String key);

    /** Notes that {@code key} was seen on {@code epochDay}; old days go in {@link #evictBefore}. */
    void add(String key, int epochDay);

    /**
     * Notes that {@code member} (a network block) belonged to {@code key} (a person's networks) on {@code epochDay};
     * the store keeps each member's first and last day, and at most {@value #MAX_MEMBERS} members per key
     * ({@link Members}).
     */
    void addMember(String key, String member, int epochDay);

    /** How many members {@code key} had that were first seen before {@code epochDay} and last on or after {@code from}. */
    int membersBetween(String key, int from, int epochDay);

    /** Keeps the earliest of the times noted for {@code key} (the first finding that told a novelty). */
    void noteTime(String key, long epochMillis);

    /** The earliest time noted for {@code key}, or {@link Long#MAX_VALUE} when none. */
    long time(String key);

    /** Members kept per key: enough to tell a pool of addresses from a person's few networks. */
    int MAX_MEMBERS = 256;

    /** A text kept under {@code key} (the recent findings a correlation may still need), or null. */
    String text(String key);

    /** Replaces the text under {@code key}; null removes it. */
    void putText(String key, String value);

    /** The earliest day any event was seen: the start of the learning period. */
    OptionalInt firstDay();

    /** Lowers {@link #firstDay()} to {@code epochDay} if it is earlier (or sets it). */
    void noteDay(int epochDay);

    /**
     * Forgets days before {@code epochDay}, and keys left with none: the store stays as large as the window, not
     * the archive.
     */
    void evictBefore(int epochDay);

    /**
     * Forgets the times noted ({@link #noteTime}) before {@code epochDay}. They only decide which finding of a day
     * told a novelty, so they are kept for a few days (late deliveries), not the whole window.
     */
    void evictTimesBefore(int epochDay);

    /** Keys held: for measuring the store's size. */
    long size();

    @Override
    void close();
}
