package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * A role's resolved policy set (inline + default versions of attached managed policies, its
 * boundary, and any SCP levels), ready to answer "may this role do action X on resource Y?".
 */
public final class RolePermissions {
    private final String roleArn;
    private final PolicySet policies;

    public RolePermissions(String roleArn, PolicySet policies) {
        this.roleArn = roleArn;
        this.policies = policies;
    }

    public String roleArn() {
        return roleArn;
    }

    public PolicySet policies() {
        return policies;
    }

    /**
     * Evaluates one action on one resource without a request context: conditions stay undecided,
     * so {@link Evaluation#decision()} is CONDITIONAL where a Condition matters.
     */
    public Evaluation evaluate(String action, String resource) {
        return PolicyEvaluator.evaluate(policies, AccessRequest.withoutContext(action, resource, roleArn));
    }

    /** Every policy document that takes part, for callers that derive candidates from the patterns. */
    List<PolicyDocument> allDocuments() {
        List<PolicyDocument> all = new ArrayList<>(policies.identityPolicies());
        all.addAll(policies.permissionBoundaries());
        policies.scpLevels().forEach(all::addAll);
        return all;
    }
}
