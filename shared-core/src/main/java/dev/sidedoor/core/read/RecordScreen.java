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
}
