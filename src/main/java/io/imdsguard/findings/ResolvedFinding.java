package io.imdsguard.findings;

/**
 * A finding of the {@code --baseline} report that this scan no longer raises, as the report's
 * {@code resolved} list shows it. {@code resourceName} may be null.
 */
public record ResolvedFinding(String ruleId, Severity severity, String account, String region,
                              String resourceType, String resourceId, String resourceName) {
    public FindingKey key() {
        return new FindingKey(ruleId, account, region, resourceId);
    }
}
