package io.imdsguard.collect;

import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.OrganizationPolicies;
import io.imdsguard.inventory.OrganizationPolicies.Level;
import io.imdsguard.inventory.OrganizationPolicies.OrgPolicy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.ParentType;
import software.amazon.awssdk.services.organizations.model.Policy;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the SCPs and RCPs that limit each scanned account, with the management account's
 * Organizations client: the account's path (ListParents up to the root), the policies of each type
 * attached at every level (ListPoliciesForTarget), and each policy's document (DescribePolicy, once
 * per policy id however many levels attach it). OUs shared by several accounts are read once too.
 *
 * <p>An account whose path or policies cannot be read (AccessDenied, an account outside the
 * organization) gets no organization policies, with a gap naming it: the scan then applies none,
 * which over-reports rather than inventing a deny. A policy type with no policy at some level of the
 * path is not enabled (AWS keeps at least one policy attached at every level of an enabled type), so
 * the account gets no levels of that type.
 *
 * <p>One call per organization scan; the result is merged into each account's inventory with
 * {@link Result#apply}.
 */
public final class OrganizationPoliciesCollector {
    private static final String GLOBAL = AwsApi.GLOBAL_REGION;

    private final Map<String, Parent> parentOf = new HashMap<>();
    private final Map<String, List<PolicySummary>> attached = new HashMap<>();
    private final Map<String, OrgPolicy> documents = new HashMap<>();

    /**
     * Collects the organization policies of {@code accountIds}.
     *
     * @param org a client for the organization's management account (or a delegated administrator)
     */
    public static Result collect(OrganizationsClient org, List<String> accountIds) {
        return new OrganizationPoliciesCollector().run(org, accountIds);
    }

    private Result run(OrganizationsClient org, List<String> accountIds) {
        List<CollectionGap> gaps = new ArrayList<>();
        String management;
        try {
            management = org.describeOrganization().organization().masterAccountId();
        } catch (SdkException e) {
            accountIds.forEach(a -> gaps.add(gap(a, AwsApi.DESCRIBE_ORGANIZATION, ErrorText.of(e))));
            return new Result(null, Map.of(), gaps);
        }
        Map<String, OrganizationPolicies> byAccount = new LinkedHashMap<>();
        for (String account : accountIds) {
            String operation = AwsApi.LIST_PARENTS;
            try {
                List<String> path = path(org, account);
                operation = AwsApi.LIST_POLICIES_FOR_TARGET;
                List<Level> scps = levels(org, path, PolicyType.SERVICE_CONTROL_POLICY);
                List<Level> rcps = levels(org, path, PolicyType.RESOURCE_CONTROL_POLICY);
                byAccount.put(account, new OrganizationPolicies(management, scps, rcps));
            } catch (DescribeFailed e) {
                gaps.add(gap(account, AwsApi.DESCRIBE_POLICY, e.getMessage()));
            } catch (SdkException e) {
                gaps.add(gap(account, operation, "account " + account + ": " + ErrorText.of(e)));
            } catch (IllegalStateException e) {
                gaps.add(gap(account, operation, "InternalError: " + e.getMessage()));
            }
        }
        return new Result(management, byAccount, gaps);
    }

    /** Root first, the account last. */
    private List<String> path(OrganizationsClient org, String account) {
        List<String> path = new ArrayList<>();
        path.add(account);
        String child = account;
        // An organization is at most five OUs deep; the bound guards against a malformed answer looping.
        for (int depth = 0; depth < 8; depth++) {
            String id = child;
            Parent parent = parentOf.computeIfAbsent(id, c -> org.listParentsPaginator(r -> r.childId(c))
                    .stream().flatMap(page -> page.parents().stream()).findFirst()
                    .orElseThrow(() -> new IllegalStateException(c + " has no parent")));
            path.add(parent.id());
            if (parent.type() == ParentType.ROOT) {
                Collections.reverse(path);
                return path;
            }
            child = parent.id();
        }
        throw new IllegalStateException("account " + account + ": no root within 8 levels");
    }

    private List<Level> levels(OrganizationsClient org, List<String> path, PolicyType type) {
        List<Level> out = new ArrayList<>();
        for (String target : path) {
            List<PolicySummary> summaries = attached.computeIfAbsent(target + "/" + type,
                    k -> org.listPoliciesForTargetPaginator(r -> r.targetId(target).filter(type))
                            .stream().flatMap(page -> page.policies().stream()).toList());
            if (summaries.isEmpty()) {
                return List.of();
            }
            List<OrgPolicy> policies = new ArrayList<>();
            for (PolicySummary s : summaries) {
                policies.add(document(org, s));
            }
            out.add(new Level(target, null, policies));
        }
        return out;
    }

    private OrgPolicy document(OrganizationsClient org, PolicySummary summary) {
        OrgPolicy known = documents.get(summary.id());
        if (known != null) {
            return known;
        }
        try {
            Policy p = org.describePolicy(r -> r.policyId(summary.id())).policy();
            OrgPolicy read = new OrgPolicy(summary.id(), summary.name(), p.content());
            documents.put(summary.id(), read);
            return read;
        } catch (SdkException e) {
            throw new DescribeFailed("policy " + summary.id() + ": " + ErrorText.of(e));
        }
    }

    private static CollectionGap gap(String account, String operation, String error) {
        return new CollectionGap(account, GLOBAL, AwsApi.ORGANIZATIONS, operation, error);
    }

    /** DescribePolicy failed: the account's levels would be incomplete, so the account gets none. */
    private static final class DescribeFailed extends RuntimeException {
        DescribeFailed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The organization policies of the scanned accounts.
     *
     * @param managementAccount null when the organization could not be described
     * @param byAccount         the accounts whose path and policies were read whole
     * @param gaps              one per account left without organization policies
     */
    public record Result(String managementAccount, Map<String, OrganizationPolicies> byAccount,
                         List<CollectionGap> gaps) {
        public Result {
            byAccount = Map.copyOf(byAccount);
            gaps = List.copyOf(gaps);
        }

        /** {@code account} with its organization policies, or unchanged when they are not known. */
        public io.imdsguard.inventory.AccountInventory apply(io.imdsguard.inventory.AccountInventory account) {
            OrganizationPolicies policies = byAccount.get(account.account());
            return policies == null ? account : account.withOrganization(policies);
        }
    }
}
