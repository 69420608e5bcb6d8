package io.imdsguard.analyze.iam.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Principal/NotPrincipal element of a resource-policy statement, by principal type
 * ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}; {@code *} for "everyone").
 *
 * <p>A request's principal is matched through its chain of identities (IAM user guide, "NotPrincipal"):
 * a role session is that session, its role and its account; a user is the user and its account.
 * {@link #match} says how closely the statement names the caller, because AWS treats the three ways
 * differently within one account: naming only the account delegates to IAM, naming the role ARN grants
 * within the permission boundary, naming the caller itself (user ARN, session ARN, or {@code *}) grants
 * past the boundary.
 */
public record PrincipalSpec(boolean negated, Map<String, List<String>> byType) {
    private static final String AWS = "AWS";
    private static final String EVERYONE = "*";

    public PrincipalSpec {
        // Values copied too: parsed statements are shared between documents of the same text (PolicyParser).
        Map<String, List<String>> copied = new LinkedHashMap<>();
        byType.forEach((type, values) -> copied.put(type, List.copyOf(values)));
        byType = Map.copyOf(copied);
    }

    /** How a statement's principal names the request's principal, weakest first. */
    public enum Match {
        /** The statement does not apply to the principal. */
        NONE,
        /** Only the principal's account (account id or {@code arn:aws:iam::ACCT:root}) is named. */
        ACCOUNT,
        /** The principal's role ARN is named (the caller is that role or one of its sessions). */
        ROLE,
        /** The caller itself: its exact user or session ARN, {@code *}, or a NotPrincipal that leaves it in. */
        DIRECT
    }

    /** Whether the statement applies to {@code principal} at all. */
    public boolean matches(String principal) {
        return match(principal) != Match.NONE;
    }

    /**
     * How this element names {@code principal} (an ARN, service name or account id; null when unknown).
     * A NotPrincipal applies unless every identity in the caller's chain is listed: naming a session
     * without its role and account still leaves the role and the account denied.
     */
    public Match match(String principal) {
        if (negated) {
            return exempt(principal) ? Match.NONE : Match.DIRECT;
        }
        Match best = Match.NONE;
        for (Map.Entry<String, List<String>> e : byType.entrySet()) {
            for (String value : e.getValue()) {
                Match m = match(e.getKey(), value, principal);
                if (m.ordinal() > best.ordinal()) {
                    best = m;
                }
            }
        }
        return best;
    }

    private boolean exempt(String principal) {
        if (listedValues().contains(EVERYONE)) {
            return true;
        }
        if (principal == null) {
            return false;
        }
        PrincipalChain chain = PrincipalChain.of(principal);
        if (chain.kind() == PrincipalChain.Kind.OTHER) {
            return listedValues().contains(principal);
        }
        List<String> aws = byType.getOrDefault(AWS, List.of());
        boolean callerListed = aws.contains(principal);
        boolean roleListed = chain.roleName() == null || aws.stream().anyMatch(chain::isItsRole);
        boolean accountListed = chain.account() == null
                || aws.stream().anyMatch(v -> PrincipalChain.namesAccount(v, chain.account()));
        return callerListed && roleListed && accountListed;
    }

    private List<String> listedValues() {
        return byType.values().stream().flatMap(List::stream).toList();
    }

    private static Match match(String type, String value, String principal) {
        if (EVERYONE.equals(value)) {
            return Match.DIRECT;
        }
        if (principal == null) {
            return Match.NONE;
        }
        if (!AWS.equals(type)) {
            return value.equals(principal) ? Match.DIRECT : Match.NONE;
        }
        PrincipalChain chain = PrincipalChain.of(principal);
        if (value.equals(principal)) {
            // A role named by its own ARN is still "the role ARN": AWS applies the boundary to that grant.
            return chain.kind() == PrincipalChain.Kind.ROLE ? Match.ROLE : Match.DIRECT;
        }
        if (chain.kind() == PrincipalChain.Kind.SESSION && chain.isItsRole(value)) {
            return Match.ROLE;
        }
        if (chain.account() != null && PrincipalChain.namesAccount(value, chain.account())) {
            return Match.ACCOUNT;
        }
        return Match.NONE;
    }

    /**
     * Whether the statement names exactly this principal (not its account or its role), the case in
     * which AWS lets a same-account resource policy grant past a permission boundary.
     */
    public boolean namesExactly(String principal) {
        return match(principal) == Match.DIRECT;
    }

    /** The 12-digit account of a principal ARN or bare account id, or null. */
    public static String accountOf(String principal) {
        return principal == null ? null : PrincipalChain.of(principal).account();
    }
}
