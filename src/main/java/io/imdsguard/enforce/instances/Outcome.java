package io.imdsguard.enforce.instances;

/** What happened to one target of {@code enforce instances}, or in a dry run would happen. */
public enum Outcome {
    /** Planned: the change would be made (before the dry run has proven permission). */
    CHANGE("change"),
    /** Dry run: AWS answered DryRunOperation, the change is permitted. */
    PERMITTED("permitted"),
    /** Dry run: AWS refused the DryRun call. */
    NOT_PERMITTED("not permitted"),
    CHANGED("changed"),
    /** Tokens were already required: no call was made. */
    ALREADY_COMPLIANT("already compliant"),
    /** Evidence shows IMDSv1 use and --force was not given: no call was made. */
    REFUSED("refused"),
    /** Not found, terminated or shutting down. */
    VANISHED("vanished"),
    /** Not ours to change: a report finding of another account than the credentials'. */
    SKIPPED("skipped"),
    FAILED("failed"),
    /** A stopped instance: AWS applies the change at its next start. */
    PENDING_START("pending at next start"),
    /** Accepted, but State was still pending when --wait-timeout ran out. */
    NOT_APPLIED("not applied in time"),
    /** --max-errors was reached before this change started. */
    NOT_ATTEMPTED("not attempted");

    private final String words;

    Outcome(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** Whether the target ends (or, in a plan, would end) compliant. */
    public boolean ok() {
        return this == CHANGE || this == PERMITTED || this == CHANGED || this == ALREADY_COMPLIANT
                || this == PENDING_START;
    }
}
