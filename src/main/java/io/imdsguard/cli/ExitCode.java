package io.imdsguard.cli;

/** The process exit codes, the contract CI systems depend on (DESIGN section 2). */
public enum ExitCode {
    /** The command succeeded and no finding reached the {@code --fail-on} threshold. */
    PASSED(0),
    /** The gate failed: a finding (not suppressed) at or above {@code --fail-on}. */
    GATE_FAILED(1),
    /** Usage or configuration error: bad flag, unreadable config, malformed snapshot, rule compile error. */
    USAGE_ERROR(2),
    /** The scan is incomplete (collection gaps) and the gate did not fail. */
    INCOMPLETE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
