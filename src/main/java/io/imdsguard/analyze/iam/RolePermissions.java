package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * A role's resolved policy set (inline + default versions of attached managed policies, its
 * boundary, any SCP and RCP levels, and the account's bucket policies), ready to answer "may this role
 * do action X on resource Y?".
 */
public final class RolePermissions {
    private final String roleArn;
    private final PolicySet policies;
    private final BucketPolicies bucketPolicies;

    public RolePermissions(String roleArn, PolicySet policies) {
        this(roleArn, policies, BucketPolicies.NONE);
    }

    /** With the account's bucket policies: a request on a bucket or its objects is evaluated with its policy. */
    RolePermissions(String roleArn, PolicySet policies, BucketPolicies bucketPolicies) {
        this.roleArn = roleArn;
        this.policies = policies;
        this.bucketPolicies = bucketPolicies;
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
        PolicySet set = policies.withResourcePolicy(bucketPolicies.forResource(resource));
        return PolicyEvaluator.evaluate(set, AccessRequest.withoutContext(action, resource, roleArn));
    }

    /** Every policy document that takes part, for callers that derive candidates from the patterns. */
    List<PolicyDocument> allDocuments() {
        List<PolicyDocument> all = new ArrayList<>(policies.identityPolicies());
        all.addAll(policies.permissionBoundaries());
        policies.scpLevels().forEach(all::addAll);
        policies.rcpLevels().forEach(all::addAll);
        all.addAll(bucketPolicies.documents());
        return all;
    }
}
