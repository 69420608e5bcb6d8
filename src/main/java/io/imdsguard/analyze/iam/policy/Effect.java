package io.imdsguard.analyze.iam.policy;

/** A statement's Effect. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    /** The spelling used in policy documents and in {@code StatementRef.effect}. */
    public String json() {
        return json;
    }
}
