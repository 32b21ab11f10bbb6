package dev.sidedoor.core.source;

import dev.sidedoor.core.read.TopLevelFields;
import java.util.Set;

/** A source's judgement of a record from its top-level scalars alone. Thread-safe. */
public interface Screening {

    /** Not this source's record, or not one it can judge: another source may, else the record is built. */
    int NOT_MINE = 0;
    /** A rule may match: build the record. */
    int WANTED = 1;
    /** No rule can match whatever the rest of the record holds: pass it over. */
    int UNWANTED = 2;
    /**
     * The source's record, of a kind its normalisation skips by design (a sensor's DNS or network events): not
     * built, counted as skipped with {@link #skipReason}, exactly as when it is built.
     */
    int SKIPPED = 3;

    /** Judges nothing. */
    Screening NONE = new Screening() {
        @Override
        public Set<String> fields() {
            return Set.of();
        }

        @Override
        public int verdict(TopLevelFields fields) {
            return NOT_MINE;
        }
    };

    /** The top-level names this screening reads. */
    Set<String> fields();

    /** {@link #NOT_MINE}, {@link #WANTED}, {@link #UNWANTED} or {@link #SKIPPED}; only called on decidable fields. */
    int verdict(TopLevelFields fields);

    /** Why a record judged {@link #SKIPPED} is skipped: the source's {@link Source#skipReason} for it. */
    default String skipReason(TopLevelFields fields) {
        return "skipped";
    }

    /** Distinct answers a screening remembers; beyond this they are worked out each time. */
    int MAX_DECISIONS = 4096;
}
