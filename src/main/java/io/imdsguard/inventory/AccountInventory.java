package io.imdsguard.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Optional;

/**
 * What is global to one account: IAM (from GetAccountAuthorizationDetails), the S3 buckets with their
 * policies, and, when the organization was read, the SCPs and RCPs on the account's path.
 *
 * @param organization null when the account's organization policies were not collected (no organization
 *                     scan, or an older snapshot): the analysis then applies none
 */
public record AccountInventory(String account, List<Role> roles, List<InstanceProfile> instanceProfiles,
                               List<ManagedPolicy> managedPolicies, List<Bucket> buckets,
                               @JsonInclude(JsonInclude.Include.NON_NULL) OrganizationPolicies organization) {
    public AccountInventory {
        roles = Lists.copy(roles);
        instanceProfiles = Lists.copy(instanceProfiles);
        managedPolicies = Lists.copy(managedPolicies);
        buckets = Lists.copy(buckets);
    }

    /** Without organization policies. */
    public AccountInventory(String account, List<Role> roles, List<InstanceProfile> instanceProfiles,
                            List<ManagedPolicy> managedPolicies, List<Bucket> buckets) {
        this(account, roles, instanceProfiles, managedPolicies, buckets, null);
    }

    /** The same account with its organization policies (the seam an organization scan fills). */
    public AccountInventory withOrganization(OrganizationPolicies policies) {
        return new AccountInventory(account, roles, instanceProfiles, managedPolicies, buckets, policies);
    }

    public Optional<Role> role(String arn) {
        return roles.stream().filter(r -> r.arn().equals(arn)).findFirst();
    }

    public Optional<InstanceProfile> instanceProfile(String arn) {
        return instanceProfiles.stream().filter(p -> p.arn().equals(arn)).findFirst();
    }

    public Optional<ManagedPolicy> managedPolicy(String arn) {
        return managedPolicies.stream().filter(p -> p.arn().equals(arn)).findFirst();
    }
}
