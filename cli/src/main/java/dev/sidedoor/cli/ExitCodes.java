package dev.sidedoor.cli;

/** Exit codes: 0 done, 1 a finding reached --fail-on (or rules failed validation), 2 usage or input errors. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAIL_ON_REACHED = 1;
    static final int INPUT_ERROR = 2;

    private ExitCodes() {
    }
}
