package io.imdsguard.findings;

import io.imdsguard.findings.evidence.Evidence;
import io.imdsguard.findings.evidence.RuleDetails;

import java.util.List;

/**
 * One rule hit on one resource, as the JSON report (schema v1) shows it. {@code evidence} says why,
 * as typed records; {@code status} is {@code new} or {@code existing} (against a baseline).
 */
public record Finding(String ruleId, Severity severity, String title, String account, String region,
                      ResourceRef resource, Evidence evidence, String remediation,
                      boolean suppressed, String status) {
    public static final String NEW = "new";
    public static final String EXISTING = "existing";

    public Finding {
        evidence = evidence == null ? new RuleDetails(List.of()) : evidence;
        status = status == null ? NEW : status;
    }

}
