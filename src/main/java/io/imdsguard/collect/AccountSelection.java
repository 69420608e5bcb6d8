package io.imdsguard.collect;

import io.imdsguard.inventory.AccountIds;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which accounts a collection reads: the caller's own (the default), a list of ids, or every ACTIVE
 * account of the Organization ({@code --org}). Every account but the caller's is read through
 * {@code arn:aws:iam::<id>:role/<role>}, assumed with the caller's credentials.
 *
 * @param accounts   the ids to read ({@code --accounts}), empty for the caller's own or {@code --org}
 * @param org        list the accounts with Organizations ListAccounts
 * @param role       the role name to assume in every other account ({@code --assume-role}), or null
 * @param externalId the {@code sts:ExternalId} the member roles' trust policies ask for, or null
 */
public record AccountSelection(List<String> accounts, boolean org, String role, String externalId) {
    /** The caller's account only, with its own credentials: what a run without selection options reads. */
    public static final AccountSelection CALLER = new AccountSelection(List.of(), false, null, null);
    /** The session name member accounts' CloudTrail shows for the assumed role. */
    public static final String SESSION_NAME = "imdsguard-audit";

    // IAM's own limits for a role name (1-64 characters of this set), optionally under a path.
    private static final Pattern ROLE_NAME = Pattern.compile("([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    /** @throws IllegalArgumentException a malformed account id or role name, or both a list and {@code org} */
    public AccountSelection {
        accounts = accounts == null ? List.of() : accounts.stream().map(String::trim).distinct().sorted().toList();
        role = role == null || role.isBlank() ? null : role.trim();
        externalId = externalId == null || externalId.isEmpty() ? null : externalId;
        for (String id : accounts) {
            checkAccountId(id);
        }
        if (org && !accounts.isEmpty()) {
            throw new IllegalArgumentException("choose either a list of accounts or the whole Organization, not both");
        }
        if (role != null && !validRoleName(role)) {
            throw new IllegalArgumentException("not an IAM role name: '" + role + "'");
        }
    }

    private static void checkAccountId(String id) {
        if (!AccountIds.valid(id)) {
            throw new IllegalArgumentException("not an AWS account id (12 digits): '" + id + "'");
        }
    }

    /** Whether {@code name} is an IAM role name (1-64 characters of IAM's set), optionally under a path. */
    public static boolean validRoleName(String name) {
        return name != null && ROLE_NAME.matcher(name.trim()).matches();
    }

    /** Whether this reads only the caller's account (no role to assume, no Organizations call). */
    public boolean callerOnly() {
        return !org && accounts.isEmpty();
    }

    /** Without the external id: it is a shared secret of the trust policies, and records end up in logs. */
    @Override
    public String toString() {
        return "AccountSelection[accounts=" + accounts + ", org=" + org + ", role=" + role + ", externalId="
                + (externalId == null ? "none" : "(set)") + "]";
    }

    /** The ARN of the role to assume in {@code account}; the partition is {@code aws}. */
    public String roleArn(String account) {
        return "arn:aws:iam::" + account + ":role/" + role;
    }
}
