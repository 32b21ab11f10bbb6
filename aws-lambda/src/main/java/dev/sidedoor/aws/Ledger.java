package dev.sidedoor.aws;

import dev.sidedoor.aws.state.DynamoLedger;
import java.time.Clock;

/**
 * Which messages went out already, so a redelivered event or a retried invocation sends nothing twice. The
 * publisher asks before sending and marks after: never a lost notification, at most one repeat (same id) if the
 * function dies between the two.
 */
interface Ledger {

    /** True when {@code messageId} was published before. */
    boolean published(String messageId);

    /** Records that {@code messageId} was published. */
    void mark(String messageId);

    /**
     * Starts reading the marks of {@code messageIds} in the background, so that {@link #published} does not wait
     * for a round trip of its own (the read runs while the baseline judges).
     */
    default void readAhead(java.util.Collection<String> messageIds) {
    }

    /**
     * Waits for marks still being written and returns why any failed (empty when none): {@link #mark} may return
     * before its write is done, so the next message is not held up by it.
     */
    default java.util.List<String> settle() {
        return java.util.List.of();
    }

    /** No ledger: every message is sent (the state table is not configured). */
    Ledger NONE = new Ledger() {
        @Override
        public boolean published(String messageId) {
            return false;
        }

        @Override
        public void mark(String messageId) {
            // nothing kept
        }
    };

    static Ledger of(DynamoLedger ledger, Clock clock) {
        return new Ledger() {
            /** The marks being read ahead for the current invocation (one invocation at a time per container). */
            private volatile java.util.concurrent.CompletableFuture<java.util.Map<String, Boolean>> ahead;

            @Override
            public void readAhead(java.util.Collection<String> messageIds) {
                ahead = messageIds.isEmpty() ? null : java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> ledger.published(messageIds), dev.sidedoor.aws.state.DynamoApi.background());
            }

            @Override
            public boolean published(String messageId) {
                java.util.concurrent.CompletableFuture<java.util.Map<String, Boolean>> read = ahead;
                if (read != null) {
                    try {
                        Boolean known = read.join().get(messageId);
                        if (known != null) {
                            return known;
                        }
                    } catch (java.util.concurrent.CompletionException e) {
                        // Read it again alone below: its error, if any, is the one reported.
                    }
                }
                return ledger.published(messageId);
            }

            private final java.util.List<java.util.concurrent.CompletableFuture<String>> marking =
                    new java.util.ArrayList<>();

            @Override
            public void mark(String messageId) {
                java.time.Instant at = clock.instant();
                marking.add(java.util.concurrent.CompletableFuture.runAsync(() -> ledger.mark(messageId, at),
                        dev.sidedoor.aws.state.DynamoApi.background())
                        .handle((ok, e) -> e == null ? null : "marking " + messageId + ": "
                                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
                java.util.concurrent.CompletableFuture<java.util.Map<String, Boolean>> read = ahead;
                if (read != null && read.isDone() && !read.isCompletedExceptionally()) {
                    read.join().remove(messageId);
                }
            }

            @Override
            public java.util.List<String> settle() {
                java.util.List<String> errors = new java.util.ArrayList<>();
                for (java.util.concurrent.CompletableFuture<String> m : marking) {
                    String error = m.join();
                    if (error != null) {
                        errors.add(error);
                    }
                }
                marking.clear();
                return errors;
            }
        };
    }
}
