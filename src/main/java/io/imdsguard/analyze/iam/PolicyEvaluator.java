package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.ConditionEvaluator;
import io.imdsguard.analyze.iam.policy.Effect;
import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PrincipalSpec;
import io.imdsguard.analyze.iam.policy.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic over a {@link PolicySet}, in the documented order:
 * 1. an applicable Deny anywhere is final; 2. every SCP level must allow; 3. the identity policies
 * (within every permission boundary) or a same-account resource policy must allow. Cross-account
 * requests need both the identity side and the resource policy.
 * Conditions are evaluated when the request has a context and are "undecided" otherwise.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** Evaluates one request. */
    public static Evaluation evaluate(PolicySet set, AccessRequest request) {
        // 1. Explicit deny, across every policy type.
        List<MatchedStatement> denies = new ArrayList<>();
        collect(set.identityPolicies(), request, Effect.DENY, false, denies);
        collect(set.permissionBoundaries(), request, Effect.DENY, false, denies);
        set.scpLevels().forEach(level -> collect(level, request, Effect.DENY, false, denies));
        if (set.resourcePolicy() != null) {
            collect(List.of(set.resourcePolicy()), request, Effect.DENY, true, denies);
        }
        List<MatchedStatement> certain = denies.stream().filter(m -> m.condition() == ConditionState.NONE
                || m.condition() == ConditionState.TRUE).toList();
        if (!certain.isEmpty()) {
            List<MatchedStatement> unconditional = certain.stream()
                    .filter(m -> m.condition() == ConditionState.NONE).toList();
            return new Evaluation(Outcome.EXPLICITLY_DENIED, unconditional.isEmpty(),
                    unconditional.isEmpty() ? certain : unconditional);
        }
        List<MatchedStatement> failedAllows = new ArrayList<>();

        // 2. Every SCP level must allow.
        Level path = Level.UNRESTRICTED;
        for (List<PolicyDocument> scpLevel : set.scpLevels()) {
            path = path.and(allows(scpLevel, request, false, failedAllows));
        }
        if (path.strength() == Strength.NONE) {
            return implicitDeny(failedAllows);
        }

        // 3. Identity policies within the boundaries, or the resource policy.
        Level boundary = Level.UNRESTRICTED;
        for (PolicyDocument b : set.permissionBoundaries()) {
            boundary = boundary.and(allows(List.of(b), request, false, failedAllows));
        }
        Level viaIdentity = allows(set.identityPolicies(), request, false, failedAllows).and(boundary);
        Level resource = set.resourcePolicy() == null ? Level.NOTHING
                : allows(List.of(set.resourcePolicy()), request, true, failedAllows);
        Level granted;
        if (crossAccount(request)) {
            granted = viaIdentity.and(resource);
        } else {
            Level viaResource = bypassesBoundary(request, resource) ? resource : resource.and(boundary);
            granted = viaResource.strength().ordinal() > viaIdentity.strength().ordinal() ? viaResource : viaIdentity;
        }
        path = path.and(granted);
        if (path.strength() == Strength.NONE) {
            return implicitDeny(failedAllows);
        }
        // A conditional Deny that did not (or might not) apply is part of why this is allowed.
        List<MatchedStatement> decided = new ArrayList<>(path.statements());
        decided.addAll(denies);
        return new Evaluation(Outcome.ALLOWED, path.strength() != Strength.FIRM || !denies.isEmpty(), decided);
    }

    private static Evaluation implicitDeny(List<MatchedStatement> failedAllows) {
        return new Evaluation(Outcome.IMPLICITLY_DENIED, !failedAllows.isEmpty(), failedAllows);
    }

    private static Level allows(List<PolicyDocument> policies, AccessRequest request, boolean checkPrincipal,
                                List<MatchedStatement> failedAllows) {
        List<MatchedStatement> hits = new ArrayList<>();
        collect(policies, request, Effect.ALLOW, checkPrincipal, hits);
        hits.stream().filter(m -> !m.condition().mayApply()).forEach(failedAllows::add);
        List<MatchedStatement> firm = hits.stream().filter(m -> m.condition() == ConditionState.NONE).toList();
        if (!firm.isEmpty()) {
            return new Level(Strength.FIRM, firm);
        }
        List<MatchedStatement> conditional = hits.stream().filter(m -> m.condition().mayApply()).toList();
        return conditional.isEmpty() ? Level.NOTHING : new Level(Strength.CONDITIONAL, conditional);
    }

    private static void collect(List<PolicyDocument> policies, AccessRequest request, Effect effect,
                                boolean checkPrincipal, List<MatchedStatement> out) {
        for (PolicyDocument policy : policies) {
            for (Statement s : policy.statements()) {
                if (s.effect() == effect && s.actions().matches(request.action())
                        && s.resources().matches(request.resource(), request.context())
                        && (!checkPrincipal || s.principal() != null && s.principal().matches(request.principal()))) {
                    out.add(new MatchedStatement(policy.name(), s, conditionState(s, request)));
                }
            }
        }
    }

    private static ConditionState conditionState(Statement s, AccessRequest request) {
        if (!s.hasCondition()) {
            return ConditionState.NONE;
        }
        if (request.context() == null) {
            return ConditionState.UNKNOWN;
        }
        return ConditionEvaluator.holds(s.conditions(), request.context()) ? ConditionState.TRUE : ConditionState.FALSE;
    }

    private static boolean crossAccount(AccessRequest request) {
        String principalAccount = PrincipalSpec.accountOf(request.principal());
        return request.resourceAccount() != null && principalAccount != null
                && !request.resourceAccount().equals(principalAccount);
    }

    /*
     * Within one account a resource policy's Allow is not limited by a permission boundary when it is
     * granted to an IAM user, or to a role session by its exact session ARN; granted to the role ARN,
     * the boundary still applies (IAM user guide, "Permissions boundaries", resource-based policies).
     */
    private static boolean bypassesBoundary(AccessRequest request, Level resource) {
        String principal = request.principal();
        if (principal == null || resource.strength() == Strength.NONE) {
            return false;
        }
        if (principal.contains(":user/")) {
            return true;
        }
        return principal.contains(":assumed-role/") && resource.statements().stream()
                .anyMatch(m -> m.statement().principal().namesExactly(principal));
    }

    private enum Strength { NONE, CONDITIONAL, FIRM }

    /** How strongly one level (or a conjunction of levels) allows, and the statements that do it. */
    private record Level(Strength strength, List<MatchedStatement> statements) {
        static final Level UNRESTRICTED = new Level(Strength.FIRM, List.of());
        static final Level NOTHING = new Level(Strength.NONE, List.of());

        Level and(Level other) {
            if (strength == Strength.NONE || other.strength == Strength.NONE) {
                return NOTHING;
            }
            List<MatchedStatement> both = new ArrayList<>(statements);
            both.addAll(other.statements);
            Strength weaker = strength.ordinal() < other.strength.ordinal() ? strength : other.strength;
            return new Level(weaker, both);
        }
    }
}
