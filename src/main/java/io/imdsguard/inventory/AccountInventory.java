package io.imdsguard.inventory;

import java.util.List;
import java.util.Optional;

/** What is global to one account: IAM (from GetAccountAuthorizationDetails) and the S3 buckets. */
public record AccountInventory(String account, List<Role> roles, List<InstanceProfile> instanceProfiles,
                               List<ManagedPolicy> managedPolicies, List<Bucket> buckets) {
    public AccountInventory {
        roles = Lists.copy(roles);
        instanceProfiles = Lists.copy(instanceProfiles);
        managedPolicies = Lists.copy(managedPolicies);
        buckets = Lists.copy(buckets);
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
