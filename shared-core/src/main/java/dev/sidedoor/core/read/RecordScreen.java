package dev.sidedoor.core.read;

/**
 * Decides from a record's top-level scalars whether the record is worth building. Most audit records cannot
 * match any rule, and passing them over without building a tree is most of sidedoor's speed.
 */
public interface RecordScreen {

    /** Build everything. */
    RecordScreen ALL = new RecordScreen() {
        @Override
        public java.util.Set<String> fields() {
            return java.util.Set.of();
        }

        @Override
        public boolean wanted(TopLevelFields fields) {
            return true;
        }
    };

    /** The top-level field names the screen reads; all others are streamed past without being decoded. */
    java.util.Set<String> fields();

    /** False only when no rule can match, whatever the rest of the record holds. */
    boolean wanted(TopLevelFields fields);

    /** What {@link #passOver} answers for a record no rule can match that still counts as an audit event. */
    String NO_RULE = "";

    /**
     * Null when the record is wanted; {@link #NO_RULE} when no rule can match it (it counts as an audit event
     * passed over); otherwise why it is skipped by design, as {@link RecordSink#skipped} reports it (a sensor's
     * event kind that no rule reads).
     */
    default String passOver(TopLevelFields fields) {
        return wanted(fields) ? null : NO_RULE;
    }

    /** Tells the sink what {@link #passOver} decided ({@code why}, not null) of the record numbered {@code index}. */
    static void tell(String why, long index, long line, RecordSink sink) {
        if (why.isEmpty()) {
            sink.passedOver(index, line);
        } else {
            sink.skipped(why);
        }
    }
}
