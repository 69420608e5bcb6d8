package io.imdsguard.findings;

import io.imdsguard.findings.evidence.Evidence;
import io.imdsguard.findings.evidence.RuleDetails;

import java.util.List;

/**
 * One rule hit on one resource, as the JSON report (schema v1) shows it. {@code evidence} says why,
 * as typed records; {@code status} is {@code new} or {@code existing} (against a baseline);
 * {@code suppression} is the matching suppression entry, null unless {@code suppressed}.
 */
public record Finding(String ruleId, Severity severity, String title, String account, String region,
                      ResourceRef resource, Evidence evidence, String remediation,
                      boolean suppressed, String status, Suppression suppression) {
    public static final String NEW = "new";
    public static final String EXISTING = "existing";

    public Finding {
        evidence = evidence == null ? new RuleDetails(List.of()) : evidence;
        status = status == null ? NEW : status;
        if (suppression != null && !suppressed) {
            throw new IllegalArgumentException("a suppression on a finding that is not suppressed");
        }
    }

    /** A finding with no suppression entry (a filter may still mark it suppressed). */
    public Finding(String ruleId, Severity severity, String title, String account, String region,
                   ResourceRef resource, Evidence evidence, String remediation, boolean suppressed, String status) {
        this(ruleId, severity, title, account, region, resource, evidence, remediation, suppressed, status, null);
    }

    public FindingKey key() {
        return FindingKey.of(this);
    }

    /** This finding, suppressed by {@code entry}. */
    public Finding suppressedBy(Suppression entry) {
        return new Finding(ruleId, severity, title, account, region, resource, evidence, remediation, true, status, entry);
    }

    /** This finding with {@code status} ({@link #NEW} or {@link #EXISTING}). */
    public Finding withStatus(String newStatus) {
        return new Finding(ruleId, severity, title, account, region, resource, evidence, remediation, suppressed,
                newStatus, suppression);
    }

    /** This finding with other evidence. */
    public Finding withEvidence(Evidence newEvidence) {
        return new Finding(ruleId, severity, title, account, region, resource, newEvidence, remediation, suppressed,
                status, suppression);
    }

}
