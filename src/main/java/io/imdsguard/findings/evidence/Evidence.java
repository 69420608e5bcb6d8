package io.imdsguard.findings.evidence;

/**
 * Why a finding fired, as typed records that serialise to the JSON report's {@code evidence} object
 * (schema v1: fields may be added, never renamed or removed). One kind per resource type a rule can
 * match: an instance, a region's defaults, or, for a user rule keyed on anything else, its details.
 */
public sealed interface Evidence permits InstanceEvidence, RegionEvidence, RuleDetails {
}
