package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PolicyFormatException;
import io.imdsguard.analyze.iam.policy.PolicyParser;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.InstanceProfile;
import io.imdsguard.inventory.ManagedPolicy;
import io.imdsguard.inventory.OrganizationPolicies;
import io.imdsguard.inventory.Policy;
import io.imdsguard.inventory.Role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One account's IAM, bucket policies and organization policies, indexed once and parsed lazily:
 * each managed policy is parsed once however many roles attach it, and each role's
 * {@link RolePermissions} is built once however many instances use it.
 */
final class AccountPolicies {
    private final AccountInventory account;
    private final List<List<PolicyDocument>> scpLevels;
    private final List<List<PolicyDocument>> rcpLevels;
    private final String managementAccount;
    private final BucketPolicies bucketPolicies;
    private final Map<String, Role> roles = new HashMap<>();
    private final Map<String, InstanceProfile> profiles = new HashMap<>();
    private final Map<String, ManagedPolicy> managed = new HashMap<>();
    private final Map<String, Optional<PolicyDocument>> parsedManaged = new ConcurrentHashMap<>();
    private final Map<String, RolePermissions> permissions = new ConcurrentHashMap<>();

    AccountPolicies(AccountInventory account, List<List<PolicyDocument>> scpLevels) {
        this.account = account;
        OrganizationPolicies org = account.organization();
        // The account's own organization policies, when collected, replace the analyzer-wide SCP levels.
        this.scpLevels = org == null ? scpLevels : OrganizationLevels.parse(org.scpLevels(), "scp:");
        this.rcpLevels = org == null ? List.of() : OrganizationLevels.parse(org.rcpLevels(), "rcp:");
        this.managementAccount = org == null ? null : org.managementAccount();
        this.bucketPolicies = BucketPolicies.of(account.buckets());
        account.roles().forEach(r -> roles.putIfAbsent(r.arn(), r));
        account.instanceProfiles().forEach(p -> profiles.putIfAbsent(p.arn(), p));
        account.managedPolicies().forEach(p -> managed.putIfAbsent(p.arn(), p));
    }

    AccountInventory account() {
        return account;
    }

    /** The role of an instance profile, when both are known (a profile holds at most one role). */
    Optional<Role> roleOfProfile(String profileArn) {
        InstanceProfile profile = profiles.get(profileArn);
        if (profile == null || profile.roleArns().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(roles.get(profile.roleArns().get(0)));
    }

    /** @throws UnparseablePolicyException naming the first policy of the role that does not parse */
    Optional<RolePermissions> permissions(String roleArn) {
        Role role = roles.get(roleArn);
        return role == null ? Optional.empty() : Optional.of(permissions.computeIfAbsent(roleArn, a -> build(role)));
    }

    private RolePermissions build(Role role) {
        List<PolicyDocument> identity = new ArrayList<>();
        for (Policy inline : role.inlinePolicies()) {
            identity.add(parse(role.name() + "/" + inline.name(), inline.document()));
        }
        // An attached policy missing from the snapshot cannot be evaluated; the collector records that gap.
        role.attachedPolicyArns().forEach(arn -> managedDocument(arn).ifPresent(identity::add));
        List<PolicyDocument> boundary = role.permissionsBoundaryArn() == null ? List.of()
                : managedDocument(role.permissionsBoundaryArn()).map(List::of).orElse(List.of());
        return new RolePermissions(role.arn(),
                new PolicySet(identity, boundary, scpLevels, rcpLevels, null, managementAccount), bucketPolicies);
    }

    private Optional<PolicyDocument> managedDocument(String arn) {
        return parsedManaged.computeIfAbsent(arn, a -> Optional.ofNullable(managed.get(a))
                .flatMap(ManagedPolicy::defaultPolicy)
                .map(p -> parse(p.arn(), p.document())));
    }

    private static PolicyDocument parse(String name, String json) {
        try {
            return PolicyParser.parse(name, json);
        } catch (PolicyFormatException e) {
            throw new UnparseablePolicyException(name, e);
        }
    }
}
