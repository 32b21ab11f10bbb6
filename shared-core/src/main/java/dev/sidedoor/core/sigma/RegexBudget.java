package dev.sidedoor.core.sigma;

/**
 * The {@code |re} patterns of one rule, and how much of a record value they may read.
 *
 * <p>RE2/J's time on a value is its length times the program's size (it steps every live instruction once per
 * character): {@code (?:a{100}){100}} took seconds on 100 KB. So a rule's patterns are held together to
 * {@link RegexCost#MAX_PROGRAM} instructions at load, and read at most {@link #STEPS_PER_VALUE} / (their total size)
 * characters of a value, never more than {@link #MAX_CHARS}: a rule with a few ordinary patterns reads a megabyte,
 * the largest rule allowed a couple of kilobytes, and none spends more than about STEPS_PER_VALUE steps on one value.
 *
 * <p>Filled while the rule compiles, before it is published; read-only after.
 */
final class RegexBudget {

    /** About a tenth of a second of RE2/J at its slowest (every instruction live at every character). */
    static final long STEPS_PER_VALUE = 1L << 24;
    /** Even the smallest pattern reads no more of a value (records may be 64 MiB). */
    static final int MAX_CHARS = 1 << 20;

    private long instructions;
    private int maxChars = MAX_CHARS;

    /** Counts a compiled pattern in; false, and nothing counted, when the rule's patterns would exceed the limit. */
    boolean add(int programSize) {
        if (instructions + programSize > RegexCost.MAX_PROGRAM) {
            return false;
        }
        instructions += programSize;
        maxChars = (int) Math.min(MAX_CHARS, STEPS_PER_VALUE / instructions);
        return true;
    }

    /** Instructions counted so far. */
    long instructions() {
        return instructions;
    }

    /** How many leading characters of a value the rule's patterns are matched against. */
    int maxChars() {
        return maxChars;
    }
}
