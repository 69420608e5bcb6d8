package io.imdsguard.analyze.iam.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Principal/NotPrincipal element of a resource-policy statement, by principal type
 * ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}; {@code *} for "everyone").
 */
public record PrincipalSpec(boolean negated, Map<String, List<String>> byType) {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ARN_ACCOUNT = Pattern.compile("^arn:[^:]+:[^:]+:[^:]*:(\\d{12}):.*");
    private static final Pattern SESSION = Pattern.compile("^arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/.*");
    private static final Pattern ROLE = Pattern.compile("^arn:([^:]+):iam::(\\d{12}):role/(?:.*/)?([^/]+)$");

    public PrincipalSpec {
        byType = Map.copyOf(byType);
    }

    /** Whether the statement applies to {@code principal} (an ARN, service name or account id). */
    public boolean matches(String principal) {
        return listed(principal) != negated;
    }

    /**
     * Whether the statement names exactly this principal (not its account or its role), the case in
     * which AWS lets a same-account resource policy grant past a permission boundary.
     */
    public boolean namesExactly(String principal) {
        return !negated && principal != null
                && byType.values().stream().anyMatch(values -> values.contains(principal));
    }

    private boolean listed(String principal) {
        for (Map.Entry<String, List<String>> e : byType.entrySet()) {
            for (String value : e.getValue()) {
                if ("*".equals(value) || principal != null && ("AWS".equals(e.getKey())
                        ? awsMatches(value, principal) : value.equals(principal))) {
                    return true;
                }
            }
        }
        return false;
    }

    // An account id or account root ARN stands for every principal of that account; a role ARN for its sessions.
    private static boolean awsMatches(String value, String principal) {
        if (value.equals(principal)) {
            return true;
        }
        String account = accountOf(principal);
        if (account != null && (value.equals(account) || value.matches("arn:[^:]+:iam::" + account + ":root"))) {
            return true;
        }
        Matcher session = SESSION.matcher(principal);
        Matcher role = ROLE.matcher(value);
        return session.matches() && role.matches() && session.group(2).equals(role.group(2))
                && session.group(3).equals(role.group(3));
    }

    /** The 12-digit account of a principal ARN or bare account id, or null. */
    public static String accountOf(String principal) {
        if (principal == null) {
            return null;
        }
        if (ACCOUNT.matcher(principal).matches()) {
            return principal;
        }
        Matcher m = ARN_ACCOUNT.matcher(principal);
        return m.matches() ? m.group(1) : null;
    }
}
