package io.imdsguard.analyze.iam;

/** How a matching statement's Condition came out for a request. */
public enum ConditionState {
    /** The statement has no Condition. */
    NONE,
    /** The Condition was evaluated against the context and holds. */
    TRUE,
    /** The Condition was evaluated against the context and does not hold. */
    FALSE,
    /** There is no context to evaluate it with (a scan). */
    UNKNOWN;

    /** Whether the statement takes effect, possibly only under its Condition. */
    boolean mayApply() {
        return this != FALSE;
    }
}
