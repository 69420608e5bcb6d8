package io.imdsguard.rules.testing;

/** A finding a rule test case expects: the rule's {@code @id} and the resource id (instance id, or region for IMDS-004). */
public record ExpectedFinding(String ruleId, String resourceId) {
    @Override
    public String toString() {
        return ruleId + " " + resourceId;
    }
}
