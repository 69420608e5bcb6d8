package io.imdsguard.analyze.iam;

/** The outcome of evaluating a permission without a request context (docs/iam.md). */
public enum Decision {
    /** Allowed unconditionally. */
    ALLOWED,
    /** Allowed only if a Condition holds (or a conditional Deny may apply); evidence names the keys. */
    CONDITIONAL,
    /** Not allowed: implicitly or explicitly denied. */
    DENIED
}
