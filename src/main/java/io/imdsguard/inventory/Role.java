package io.imdsguard.inventory;

import java.util.List;

/**
 * An IAM role: its inline policies, the ARNs of its attached managed policies and, when set, the
 * ARN of its permission boundary.
 */
public record Role(String arn, String name, String roleId, List<Policy> inlinePolicies,
                   List<String> attachedPolicyArns, String permissionsBoundaryArn) {
    public Role {
        inlinePolicies = Lists.copy(inlinePolicies);
        attachedPolicyArns = Lists.copy(attachedPolicyArns);
    }
}
