package io.imdsguard.findings;

/**
 * A finding's identity across runs (DESIGN: baseline identity): the same rule on the same resource in
 * the same account and region is the same finding, whatever its evidence says today. Baselines,
 * merges and SARIF fingerprints all use this one definition.
 */
public record FindingKey(String ruleId, String account, String region, String resourceId) {
    public static FindingKey of(Finding finding) {
        return new FindingKey(finding.ruleId(), finding.account(), finding.region(), finding.resource().id());
    }
}
