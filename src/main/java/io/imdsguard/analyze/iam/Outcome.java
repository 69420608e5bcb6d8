package io.imdsguard.analyze.iam;

/** The final decision of AWS's policy evaluation for one request. */
public enum Outcome {
    ALLOWED("Allowed"),
    /** No applicable Allow at some required level. */
    IMPLICITLY_DENIED("ImplicitlyDenied"),
    /** An applicable Deny statement. */
    EXPLICITLY_DENIED("ExplicitlyDenied");

    private final String json;

    Outcome(String json) {
        this.json = json;
    }

    /** The spelling of {@code imdsguard policy simulate} output. */
    public String json() {
        return json;
    }
}
