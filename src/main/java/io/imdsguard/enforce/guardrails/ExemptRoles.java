package io.imdsguard.enforce.guardrails;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the role ARN patterns that may still set an instance's metadata options back to IMDSv1 (the
 * break-glass rollback). The SCP matches them against {@code aws:PrincipalArn}, which for a role session
 * is the role's ARN; a pattern of another shape would exempt nobody, or everybody, without saying so.
 */
public final class ExemptRoles {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}|[0-9*?]*[*?][0-9*?]*");
    private static final Pattern ONLY_WILDCARDS = Pattern.compile("[*?/]*");

    private ExemptRoles() {
    }

    /**
     * The patterns, as given, if each is an IAM role ARN pattern naming some roles.
     *
     * @throws ExemptRoleException naming the first pattern that is not, and why
     */
    public static List<String> check(List<String> patterns) {
        for (String pattern : patterns) {
            problemWith(pattern).ifPresent(problem -> {
                throw new ExemptRoleException("--exempt-role '" + pattern + "': " + problem);
            });
        }
        return List.copyOf(patterns);
    }

    static Optional<String> problemWith(String pattern) {
        String example = "expected a role ARN such as arn:aws:iam::123456789012:role/imds-break-glass "
                + "(wildcards allowed: arn:aws:iam::*:role/imds-admin-*)";
        if (pattern.isBlank() || !pattern.equals(pattern.strip())) {
            return Optional.of("empty or surrounded by spaces; " + example);
        }
        String[] parts = pattern.split(":", 6);
        if (parts.length != 6 || !"arn".equals(parts[0]) || parts[1].isEmpty()) {
            return Optional.of("not an ARN; " + example);
        }
        if ("sts".equals(parts[2]) && parts[5].startsWith("assumed-role/")) {
            String role = parts[5].substring("assumed-role/".length()).split("/", 2)[0];
            return Optional.of("aws:PrincipalArn of a role session is the role's ARN, not the session's; use arn:"
                    + parts[1] + ":iam::" + parts[4] + ":role/" + role);
        }
        if (!"iam".equals(parts[2]) || !parts[3].isEmpty() || !parts[5].startsWith("role/")) {
            return Optional.of("not an IAM role ARN; " + example);
        }
        if (!ACCOUNT.matcher(parts[4]).matches()) {
            return Optional.of("the account '" + parts[4] + "' is neither 12 digits nor a wildcard; " + example);
        }
        if (ONLY_WILDCARDS.matcher(parts[5].substring("role/".length())).matches()) {
            return Optional.of("matches every role, which would switch the guardrail off; name the break-glass role");
        }
        return Optional.empty();
    }
}
