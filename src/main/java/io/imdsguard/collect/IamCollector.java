package io.imdsguard.collect;

import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.InstanceProfile;
import io.imdsguard.inventory.ManagedPolicy;
import io.imdsguard.inventory.Policy;
import io.imdsguard.inventory.Role;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads all of an account's IAM that the permission analysis needs with one paginated
 * GetAccountAuthorizationDetails: roles (inline policies, attachments, boundary, instance
 * profiles) and managed policies with every version.
 */
final class IamCollector {
    static final String SERVICE = AwsApi.IAM;
    static final String OPERATION = AwsApi.GET_ACCOUNT_AUTHORIZATION_DETAILS;

    private final IamClient iam;
    private final AwsCalls calls;
    private final Gaps gaps;
    private final String account;

    IamCollector(IamClient iam, AwsCalls calls, Gaps gaps, String account) {
        this.iam = iam;
        this.calls = calls;
        this.gaps = gaps;
        this.account = account;
    }

    IamInventory collect() {
        // Users and groups are left out: only instance-profile roles matter here.
        List<GetAccountAuthorizationDetailsResponse> pages = calls.call(OPERATION, () -> iam
                .getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.ROLE,
                        EntityType.LOCAL_MANAGED_POLICY, EntityType.AWS_MANAGED_POLICY))
                .stream().toList()).orElse(null);
        if (pages == null) {
            return IamInventory.EMPTY;
        }
        List<RoleDetail> roleDetails = pages.stream().flatMap(p -> p.roleDetailList().stream()).toList();
        List<Role> roles = calls.mapEach(OPERATION, "role", roleDetails, RoleDetail::arn, IamCollector::role).stream()
                .sorted(Comparator.comparing(Role::arn)).toList();
        Set<String> referenced = referencedPolicies(roles);
        // AWS-managed policies nothing here uses are dropped: they would only bloat the snapshot.
        List<ManagedPolicyDetail> wanted = pages.stream().flatMap(p -> p.policies().stream())
                .filter(p -> !isAwsManaged(p.arn()) || referenced.contains(p.arn())).toList();
        List<ManagedPolicy> policies = calls.mapEach(OPERATION, "managed policy", wanted, ManagedPolicyDetail::arn,
                        IamCollector::managedPolicy).stream()
                .sorted(Comparator.comparing(ManagedPolicy::arn)).toList();
        recordMissing(referenced, wanted, roles);
        return new IamInventory(roles, instanceProfiles(roleDetails), policies);
    }

    private static Role role(RoleDetail r) {
        List<Policy> inline = r.rolePolicyList().stream()
                .map(p -> new Policy(null, p.policyName(), null, PolicyDocuments.decode(p.policyDocument())))
                .sorted(Comparator.comparing(Policy::name)).toList();
        List<String> attached = r.attachedManagedPolicies().stream().map(a -> a.policyArn())
                .filter(Objects::nonNull).sorted().toList();
        String boundary = r.permissionsBoundary() == null ? null : r.permissionsBoundary().permissionsBoundaryArn();
        return new Role(r.arn(), r.roleName(), r.roleId(), inline, attached, boundary);
    }

    private static ManagedPolicy managedPolicy(ManagedPolicyDetail p) {
        List<ManagedPolicy.Version> versions = p.policyVersionList().stream()
                .map(v -> new ManagedPolicy.Version(v.versionId(), Boolean.TRUE.equals(v.isDefaultVersion()),
                        PolicyDocuments.decode(v.document())))
                .sorted(Comparator.comparing(ManagedPolicy.Version::versionId)).toList();
        return new ManagedPolicy(p.arn(), p.policyName() != null ? p.policyName() : nameFromArn(p.arn()),
                p.defaultVersionId(), versions);
    }

    /** A policy ARN ends in {@code policy/<path>/<name>}; some responses omit the name field. */
    static String nameFromArn(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** Instance profiles come with their roles; a profile shared by listings is merged by ARN. */
    private List<InstanceProfile> instanceProfiles(List<RoleDetail> roles) {
        List<InstanceProfile> listed = new ArrayList<>();
        for (RoleDetail role : roles) {
            listed.addAll(calls.mapEach(OPERATION, "instance profile", role.instanceProfileList(),
                    software.amazon.awssdk.services.iam.model.InstanceProfile::arn, p -> instanceProfile(role, p)));
        }
        Map<String, String> names = new TreeMap<>();
        Map<String, Set<String>> roleArns = new TreeMap<>();
        for (InstanceProfile p : listed) {
            names.put(p.arn(), p.name());
            roleArns.computeIfAbsent(p.arn(), k -> new TreeSet<>()).addAll(p.roleArns());
        }
        List<InstanceProfile> out = new ArrayList<>();
        names.forEach((arn, name) -> out.add(new InstanceProfile(arn, name, List.copyOf(roleArns.get(arn)))));
        return out;
    }

    /** The profile as one role's listing shows it: that role, and the members the profile names itself. */
    private static InstanceProfile instanceProfile(RoleDetail role,
                                                   software.amazon.awssdk.services.iam.model.InstanceProfile p) {
        Set<String> members = new TreeSet<>();
        members.add(Objects.requireNonNull(role.arn(), "its role has no ARN"));
        p.roles().stream().map(x -> x.arn()).filter(Objects::nonNull).forEach(members::add);
        return new InstanceProfile(p.arn(), p.instanceProfileName(), List.copyOf(members));
    }

    private static Set<String> referencedPolicies(List<Role> roles) {
        Set<String> out = new TreeSet<>();
        roles.forEach(r -> Stream.concat(r.attachedPolicyArns().stream(), Stream.ofNullable(r.permissionsBoundaryArn()))
                .forEach(out::add));
        return out;
    }

    /**
     * A policy a role uses but the listing did not return cannot be evaluated: say so as a gap. One the
     * listing returned but that could not be read has its own gap already.
     */
    private void recordMissing(Set<String> referenced, List<ManagedPolicyDetail> listed, List<Role> roles) {
        Set<String> present = new TreeSet<>();
        listed.forEach(p -> present.add(p.arn()));
        for (String arn : referenced) {
            if (!present.contains(arn)) {
                String users = roles.stream().filter(r -> r.attachedPolicyArns().contains(arn)
                        || arn.equals(r.permissionsBoundaryArn())).map(Role::name).sorted()
                        .reduce((a, b) -> a + ", " + b).orElse("");
                gaps.add(new CollectionGap(account, AwsApi.GLOBAL_REGION, SERVICE, OPERATION,
                        "MissingPolicy: " + arn + " (used by " + users + ") was not returned"));
            }
        }
    }

    private static boolean isAwsManaged(String arn) {
        return arn != null && arn.contains(":iam::aws:policy/");
    }
}
