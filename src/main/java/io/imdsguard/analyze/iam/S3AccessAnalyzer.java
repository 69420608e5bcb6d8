package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PolicyParser;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Policy;
import io.imdsguard.inventory.Role;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "can the role behind this instance profile read S3?" (docs/iam.md): some bucket is
 * allowed {@code s3:ListBucket} and some object {@code s3:GetObject}, after explicit denies, the
 * permission boundary and any SCP levels. Each account's policies are indexed once and each role's
 * answer memoised, so one analyzer should be shared by a whole scan; it is thread-safe. (The analysis
 * stage asks once per instance profile, so profiles need no memo of their own.)
 */
public final class S3AccessAnalyzer {
    static final String LIST_BUCKET = "s3:ListBucket";
    static final String GET_OBJECT = "s3:GetObject";
    /** The statement label of the evidence for a policy that does not parse, before the parser's message. */
    static final String UNPARSEABLE = "unparseable: ";
    static final String UNKNOWN_EFFECT = "Unknown";

    private final List<List<PolicyDocument>> scpLevels;
    private final Map<AccountKey, AccountCache> accounts = new ConcurrentHashMap<>();

    /** An analyzer for accounts outside an organization (no SCPs). */
    public S3AccessAnalyzer() {
        this(List.of());
    }

    /**
     * An analyzer that also applies SCPs: one list per level from the organization root down to the
     * account; every level must allow.
     *
     * @throws io.imdsguard.analyze.iam.policy.PolicyFormatException naming a malformed SCP
     */
    public S3AccessAnalyzer(List<List<Policy>> scpLevels) {
        this.scpLevels = scpLevels.stream()
                .map(level -> level.stream().map(p -> PolicyParser.parse(scpName(p), p.document())).toList())
                .toList();
    }

    /**
     * The S3 read access of the role in {@code instanceProfileArn}; empty when the profile or its role
     * is not in the account's inventory. A role with a policy that does not parse (say, a condition
     * operator newer than this tool) cannot be shown unable to read S3, so its answer is CONDITIONAL
     * with that policy as the evidence, and the rest of the scan goes on.
     */
    public Optional<S3ReadAccess> analyze(AccountInventory account, String instanceProfileArn) {
        AccountCache cache = accounts.computeIfAbsent(new AccountKey(account), k -> new AccountCache(
                new AccountPolicies(account, scpLevels)));
        return cache.policies.roleOfProfile(instanceProfileArn)
                .map(role -> cache.byRole.computeIfAbsent(role.arn(), r -> analyzeRole(cache.policies, role)));
    }

    /**
     * The resolved policies of a role for general questions ({@link RolePermissions#evaluate}).
     *
     * @throws io.imdsguard.analyze.iam.policy.PolicyFormatException naming a policy of the role that does not parse
     */
    public Optional<RolePermissions> permissions(AccountInventory account, String roleArn) {
        return accounts.computeIfAbsent(new AccountKey(account),
                k -> new AccountCache(new AccountPolicies(account, scpLevels))).policies.permissions(roleArn);
    }

    private static S3ReadAccess analyzeRole(AccountPolicies policies, Role role) {
        RolePermissions permissions;
        try {
            permissions = policies.permissions(role.arn()).orElseThrow();
        } catch (UnparseablePolicyException e) {
            return unevaluable(role, e);
        }
        List<PolicyDocument> documents = permissions.allDocuments();
        Grant list = S3Grants.best(permissions, LIST_BUCKET,
                S3Candidates.buckets(policies.account().buckets(), documents));
        Grant get = S3Grants.best(permissions, GET_OBJECT,
                S3Candidates.objects(policies.account().buckets(), documents));
        return new S3ReadAccess(role.arn(), S3Grants.both(list.decision(), get.decision()), list, get);
    }

    // Over-report what cannot be evaluated: the unparsed policy may grant S3, so it counts as a conditional grant.
    private static S3ReadAccess unevaluable(Role role, UnparseablePolicyException e) {
        List<StatementRef> why = List.of(new StatementRef(e.policy(), UNPARSEABLE + e.problem(), UNKNOWN_EFFECT));
        return new S3ReadAccess(role.arn(), Decision.CONDITIONAL,
                new Grant(LIST_BUCKET, Decision.CONDITIONAL, S3Grants.NO_RESOURCE, why, List.of()),
                new Grant(GET_OBJECT, Decision.CONDITIONAL, S3Grants.NO_RESOURCE, why, List.of()));
    }

    private static String scpName(Policy p) {
        return p.arn() != null ? p.arn() : p.name();
    }

    private record AccountCache(AccountPolicies policies, Map<String, S3ReadAccess> byRole) {
        AccountCache(AccountPolicies policies) {
            this(policies, new ConcurrentHashMap<>());
        }
    }

    /** Accounts are keyed by identity: hashing a whole inventory record per instance would cost more than it saves. */
    private record AccountKey(AccountInventory account) {
        @Override
        public boolean equals(Object o) {
            return o instanceof AccountKey k && k.account == account;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(account);
        }
    }
}
