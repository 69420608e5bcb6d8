package io.imdsguard.cli;

/** The process exit codes, the contract CI systems depend on; README lists them for users. */
public enum ExitCode {
    /** The command succeeded and no finding reached the {@code --fail-on} threshold. */
    PASSED(0),
    /** The gate failed: a finding (not suppressed) at or above {@code --fail-on}. */
    GATE_FAILED(1),
    /**
     * Usage or configuration error: bad flag, unreadable config, malformed snapshot, rule compile error,
     * unwritable output. One line on stderr says what to fix.
     */
    USAGE_ERROR(2),
    /** The scan is incomplete (collection gaps) and the gate did not fail. */
    INCOMPLETE(3),
    /** A bug: one line on stderr, and the stack trace with {@code --verbose}. */
    INTERNAL_ERROR(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
