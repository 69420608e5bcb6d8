package io.imdsguard.inventory;

import java.util.List;

/**
 * The Organizations policies that limit one account: SCPs (on its principals) and RCPs (on its
 * resources), each as the levels of the account's path from the organization root through its OUs to
 * the account itself. Every level must allow a request; a level with no policy of a type that is
 * enabled would deny everything, so levels come as Organizations reports them.
 *
 * @param managementAccount the organization's management account: SCPs and RCPs do not apply to it
 * @param scpLevels         root first, the account last; empty when SCPs are not enabled
 * @param rcpLevels         root first, the account last; empty when RCPs are not enabled
 */
public record OrganizationPolicies(String managementAccount, List<Level> scpLevels, List<Level> rcpLevels) {
    public OrganizationPolicies {
        scpLevels = Lists.copy(scpLevels);
        rcpLevels = Lists.copy(rcpLevels);
    }

    /** One node of the path (root {@code r-...}, OU {@code ou-...}, or the account id) and its policies. */
    public record Level(String targetId, String targetName, List<OrgPolicy> policies) {
        public Level {
            policies = Lists.copy(policies);
        }
    }

    /** One SCP or RCP: {@code p-...} id, name, and the policy document's JSON text. */
    public record OrgPolicy(String id, String name, String document) {
        /** How evidence names it: {@code p-123 (FullAWSAccess)}. */
        public String label() {
            return name == null || name.isBlank() ? id : id + " (" + name + ")";
        }
    }
}
