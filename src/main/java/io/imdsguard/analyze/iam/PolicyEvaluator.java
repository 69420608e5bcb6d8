package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.ConditionEvaluator;
import io.imdsguard.analyze.iam.policy.Effect;
import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PrincipalSpec;
import io.imdsguard.analyze.iam.policy.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic over a {@link PolicySet}, in the documented order (IAM user guide,
 * "Policy evaluation logic"): 1. an applicable Deny in any policy is final; 2. every RCP level must
 * allow; 3. every SCP level must allow; 4. within one account, the resource policy or the identity
 * policies (within every permission boundary) must allow; across accounts, both. Organization policies
 * only limit: they never grant. Conditions are evaluated when the request has a context and are
 * "undecided" otherwise (a scan).
 *
 * <p>Which principal a same-account resource policy names decides how it grants: the caller itself
 * (user ARN, session ARN, {@code *}) grants past an implicit deny in the identity policies and the
 * boundary; the role ARN grants past the identity policies but within the boundary; only the account
 * (id or root ARN) grants nothing by itself, it delegates to IAM.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** How a policy type's statements are matched against the principal. */
    private enum Principals {
        /** Identity policies and boundaries have no Principal: they apply to their owner. */
        IGNORED,
        /** Resource policies must name the principal. */
        REQUIRED,
        /** Organization policies may name one (RCPs carry {@code "Principal": "*"}); absent means everyone. */
        OPTIONAL
    }

    /** Evaluates one request. */
    public static Evaluation evaluate(PolicySet set, AccessRequest original) {
        RequestFacts facts = RequestFacts.of(set, original);
        AccessRequest request = facts.request();
        List<List<PolicyDocument>> rcps = facts.rcpsApply() ? set.rcpLevels() : List.of();
        List<List<PolicyDocument>> scps = facts.scpsApply() ? set.scpLevels() : List.of();

        // 1. Explicit deny, across every policy type.
        List<MatchedStatement> denies = new ArrayList<>();
        collect(set.identityPolicies(), request, Effect.DENY, Principals.IGNORED, denies);
        collect(set.permissionBoundaries(), request, Effect.DENY, Principals.IGNORED, denies);
        rcps.forEach(level -> collect(level, request, Effect.DENY, Principals.OPTIONAL, denies));
        scps.forEach(level -> collect(level, request, Effect.DENY, Principals.OPTIONAL, denies));
        if (set.resourcePolicy() != null) {
            collect(List.of(set.resourcePolicy()), request, Effect.DENY, Principals.REQUIRED, denies);
            if (!set.permissionBoundaries().isEmpty() && facts.boundable()) {
                boundedNotPrincipalDenies(set.resourcePolicy(), request, denies);
            }
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

        // 2. and 3. Every RCP level, then every SCP level, must allow.
        Level path = Level.UNRESTRICTED;
        for (List<PolicyDocument> level : rcps) {
            path = path.and(allows(level, request, Principals.OPTIONAL, failedAllows));
        }
        for (List<PolicyDocument> level : scps) {
            path = path.and(allows(level, request, Principals.OPTIONAL, failedAllows));
        }
        if (path.strength() == Strength.NONE) {
            return implicitDeny(failedAllows);
        }

        // 4. Identity policies within the boundaries, and/or the resource policy.
        path = path.and(granted(set, facts, failedAllows));
        if (path.strength() == Strength.NONE) {
            return implicitDeny(failedAllows);
        }
        // A conditional Deny that did not (or might not) apply is part of why this is allowed.
        List<MatchedStatement> decided = new ArrayList<>(path.statements());
        decided.addAll(denies);
        return new Evaluation(Outcome.ALLOWED, path.strength() != Strength.FIRM || !denies.isEmpty(), decided);
    }

    private static Level granted(PolicySet set, RequestFacts facts, List<MatchedStatement> failedAllows) {
        AccessRequest request = facts.request();
        // The account root is not limited by identity policies or boundaries in its own account.
        Level boundary = Level.UNRESTRICTED;
        Level viaIdentity = Level.UNRESTRICTED;
        if (!facts.accountRoot()) {
            for (PolicyDocument b : set.permissionBoundaries()) {
                boundary = boundary.and(allows(List.of(b), request, Principals.IGNORED, failedAllows));
            }
            viaIdentity = allows(set.identityPolicies(), request, Principals.IGNORED, failedAllows).and(boundary);
        }
        if (set.resourcePolicy() == null) {
            return facts.crossAccount() ? Level.NOTHING : viaIdentity;
        }
        List<MatchedStatement> hits = new ArrayList<>();
        collect(List.of(set.resourcePolicy()), request, Effect.ALLOW, Principals.REQUIRED, hits);
        if (facts.crossAccount()) {
            // Across accounts the resource policy may name just the account: the caller's own IAM decides then.
            return viaIdentity.and(strongest(hits, failedAllows));
        }
        Level direct = strongest(hits.stream().filter(m -> matchOf(m, request) == PrincipalSpec.Match.DIRECT)
                .toList(), failedAllows);
        Level viaRole = strongest(hits.stream().filter(m -> matchOf(m, request) == PrincipalSpec.Match.ROLE)
                .toList(), failedAllows);
        viaRole = viaRole.and(boundary);
        // A grant naming only the account delegates to IAM: viaIdentity decides for it.
        return stronger(direct, stronger(viaRole, viaIdentity));
    }

    private static PrincipalSpec.Match matchOf(MatchedStatement m, AccessRequest request) {
        return m.statement().principal().match(request.principal());
    }

    /*
     * IAM user guide, "Permissions boundaries": a resource-policy Deny with NotPrincipal always denies a
     * principal that has a permissions boundary, whatever the NotPrincipal element lists.
     */
    private static void boundedNotPrincipalDenies(PolicyDocument policy, AccessRequest request,
                                                  List<MatchedStatement> out) {
        for (Statement s : policy.statements()) {
            if (s.effect() == Effect.DENY && s.principal() != null && s.principal().negated()
                    && !s.principal().matches(request.principal()) && coversRequest(s, request)) {
                out.add(new MatchedStatement(policy.name(), s, conditionState(s, request)));
            }
        }
    }

    private static Level stronger(Level a, Level b) {
        return a.strength().ordinal() > b.strength().ordinal() ? a : b;
    }

    private static Evaluation implicitDeny(List<MatchedStatement> failedAllows) {
        return new Evaluation(Outcome.IMPLICITLY_DENIED, !failedAllows.isEmpty(), failedAllows);
    }

    private static Level allows(List<PolicyDocument> policies, AccessRequest request, Principals principals,
                                List<MatchedStatement> failedAllows) {
        List<MatchedStatement> hits = new ArrayList<>();
        collect(policies, request, Effect.ALLOW, principals, hits);
        return strongest(hits, failedAllows);
    }

    /** A loop, not three streams: this runs for every action, bucket and policy of every role of a fleet. */
    private static Level strongest(List<MatchedStatement> hits, List<MatchedStatement> failedAllows) {
        if (hits.isEmpty()) {
            return Level.NOTHING;
        }
        List<MatchedStatement> firm = new ArrayList<>();
        List<MatchedStatement> conditional = new ArrayList<>();
        for (MatchedStatement m : hits) {
            if (m.condition() == ConditionState.NONE) {
                firm.add(m);
            } else if (m.condition().mayApply()) {
                conditional.add(m);
            } else {
                failedAllows.add(m);
            }
        }
        if (!firm.isEmpty()) {
            return new Level(Strength.FIRM, List.copyOf(firm));
        }
        return conditional.isEmpty() ? Level.NOTHING : new Level(Strength.CONDITIONAL, List.copyOf(conditional));
    }

    private static void collect(List<PolicyDocument> policies, AccessRequest request, Effect effect,
                                Principals principals, List<MatchedStatement> out) {
        for (PolicyDocument policy : policies) {
            for (Statement s : policy.statements()) {
                if (s.effect() == effect && coversRequest(s, request) && namesPrincipal(s, request, principals)) {
                    out.add(new MatchedStatement(policy.name(), s, conditionState(s, request)));
                }
            }
        }
    }

    private static boolean coversRequest(Statement s, AccessRequest request) {
        return s.actions().matches(request.action()) && s.resources().matches(request.resource(), request.context());
    }

    private static boolean namesPrincipal(Statement s, AccessRequest request, Principals principals) {
        return switch (principals) {
            case IGNORED -> true;
            case REQUIRED -> s.principal() != null && s.principal().matches(request.principal());
            case OPTIONAL -> s.principal() == null || s.principal().matches(request.principal());
        };
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
