package io.imdsguard.inventory;

import java.util.List;

/**
 * A regional WAFv2 web ACL, the resources (load balancer ARNs) it protects and the managed rule
 * groups it uses. IMDS-006 reads whether {@code AWSManagedRulesCommonRuleSet} blocks the
 * {@code EC2MetaDataSSRF_*} rules.
 */
public record WebAcl(String arn, String name, List<String> resourceArns, List<ManagedRuleGroup> managedRuleGroups) {
    public WebAcl {
        resourceArns = Lists.copy(resourceArns);
        managedRuleGroups = Lists.copy(managedRuleGroups);
    }

    /**
     * A managed rule group reference. {@code countOnly} is true when the whole group's override
     * action is Count; {@code rulesOverriddenToCount} lists rules set to Count (or excluded).
     */
    public record ManagedRuleGroup(String vendorName, String name, boolean countOnly,
                                   List<String> rulesOverriddenToCount) {
        public ManagedRuleGroup {
            rulesOverriddenToCount = Lists.copy(rulesOverriddenToCount);
        }
    }
}
