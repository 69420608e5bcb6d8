package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;

import java.util.List;

/**
 * Every policy that takes part in one principal's requests: identity policies (any may allow),
 * permission boundaries (each must allow), SCP levels from the organization root down (each level
 * must allow), and an optional same-account resource policy (null when absent).
 */
public record PolicySet(List<PolicyDocument> identityPolicies, List<PolicyDocument> permissionBoundaries,
                        List<List<PolicyDocument>> scpLevels, PolicyDocument resourcePolicy) {
    public PolicySet {
        identityPolicies = List.copyOf(identityPolicies);
        permissionBoundaries = List.copyOf(permissionBoundaries);
        scpLevels = scpLevels.stream().map(List::copyOf).toList();
    }

    /** Identity policies only. */
    public static PolicySet identity(List<PolicyDocument> identityPolicies) {
        return new PolicySet(identityPolicies, List.of(), List.of(), null);
    }
}
