package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * Every policy that takes part in one principal's requests: identity policies (any may allow),
 * permission boundaries (each must allow), SCP levels from the organization root down (each level
 * must allow; they limit the principal's account), RCP levels likewise (they limit the resource's
 * account), and an optional resource policy (null when absent).
 *
 * @param managementAccount the organization's management account, when known: SCPs do not apply to its
 *                          principals and RCPs not to its resources; null means "not the management account"
 */
public record PolicySet(List<PolicyDocument> identityPolicies, List<PolicyDocument> permissionBoundaries,
                        List<List<PolicyDocument>> scpLevels, List<List<PolicyDocument>> rcpLevels,
                        PolicyDocument resourcePolicy, String managementAccount) {
    public PolicySet {
        identityPolicies = List.copyOf(identityPolicies);
        permissionBoundaries = List.copyOf(permissionBoundaries);
        scpLevels = copyLevels(scpLevels);
        rcpLevels = copyLevels(rcpLevels);
    }

    /** Most accounts have no SCPs or RCPs, and a set is made per bucket a role may read: no stream for nothing. */
    private static List<List<PolicyDocument>> copyLevels(List<List<PolicyDocument>> levels) {
        if (levels.isEmpty()) {
            return List.of();
        }
        List<List<PolicyDocument>> copy = new ArrayList<>(levels.size());
        for (List<PolicyDocument> level : levels) {
            copy.add(List.copyOf(level));
        }
        return List.copyOf(copy);
    }

    /** Without RCPs or a management account, as before RCPs existed. */
    public PolicySet(List<PolicyDocument> identityPolicies, List<PolicyDocument> permissionBoundaries,
                     List<List<PolicyDocument>> scpLevels, PolicyDocument resourcePolicy) {
        this(identityPolicies, permissionBoundaries, scpLevels, List.of(), resourcePolicy, null);
    }

    /** Identity policies only. */
    public static PolicySet identity(List<PolicyDocument> identityPolicies) {
        return new PolicySet(identityPolicies, List.of(), List.of(), null);
    }

    /** The same policies with {@code policy} as the resource policy (null for none). */
    public PolicySet withResourcePolicy(PolicyDocument policy) {
        return new PolicySet(identityPolicies, permissionBoundaries, scpLevels, rcpLevels, policy, managementAccount);
    }
}
