package dev.sidedoor.core.sigma;

/** Three-valued (Kleene) answers for screening on partial records. */
final class Screen {

    static final int NO = 0;
    static final int YES = 1;
    static final int UNKNOWN = 2;

    private Screen() {
    }

    static int of(boolean b) {
        return b ? YES : NO;
    }
}
