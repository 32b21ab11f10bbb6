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
            @Override
            public boolean published(String messageId) {
                return ledger.published(messageId);
            }

            @Override
            public void mark(String messageId) {
                ledger.mark(messageId, clock.instant());
            }
        };
    }
}
