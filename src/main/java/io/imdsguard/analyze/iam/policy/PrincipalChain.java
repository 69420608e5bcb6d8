package io.imdsguard.analyze.iam.policy;

import io.imdsguard.inventory.AccountIds;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request's principal string says about the caller: its kind, account, role (for a role or a
 * role session) and the ARN AWS reports as {@code aws:PrincipalArn} (a session's role ARN, not the
 * session ARN).
 *
 * @param kind      user, role, role session, account root, or anything else (a service name)
 * @param partition the ARN partition ({@code aws}, {@code aws-cn}), null for OTHER
 * @param account   the 12-digit account, null when the string carries none
 * @param roleName  the role's name for ROLE and SESSION, else null
 */
public record PrincipalChain(Kind kind, String partition, String account, String roleName, String principal) {
    private static final Pattern ROOT = Pattern.compile("^arn:([^:]+):iam::(\\d{12}):root$");
    private static final Pattern USER = Pattern.compile("^arn:([^:]+):iam::(\\d{12}):user/(?:.*/)?([^/]+)$");
    private static final Pattern ROLE = Pattern.compile("^arn:([^:]+):iam::(\\d{12}):role/(?:.*/)?([^/]+)$");
    private static final Pattern SESSION = Pattern.compile("^arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/.+$");
    private static final Pattern ANY_ARN = Pattern.compile("^arn:([^:]+):[^:]+:[^:]*:(\\d{12}):.*");
    /** Service-linked roles live under this path, and their names start with the prefix below. */
    private static final String SERVICE_ROLE_PATH = ":role/aws-service-role/";
    private static final String SERVICE_ROLE_PREFIX = "AWSServiceRoleFor";

    /** The kinds of principal the evaluation tells apart. */
    public enum Kind { USER, ROLE, SESSION, ROOT, OTHER }

    /** Reading a principal is five regular expressions, and a scan asks about each role for every candidate bucket. */
    private static final int MAX_CACHED = 100_000;
    private static final Map<String, PrincipalChain> READ = new ConcurrentHashMap<>();

    /** Reads a principal string; never null. */
    public static PrincipalChain of(String principal) {
        PrincipalChain cached = READ.get(principal);
        if (cached != null) {
            return cached;
        }
        PrincipalChain chain = read(principal);
        if (READ.size() < MAX_CACHED) {
            READ.put(principal, chain);
        }
        return chain;
    }

    private static PrincipalChain read(String principal) {
        Matcher m;
        if ((m = SESSION.matcher(principal)).matches()) {
            return new PrincipalChain(Kind.SESSION, m.group(1), m.group(2), m.group(3), principal);
        }
        if ((m = ROLE.matcher(principal)).matches()) {
            return new PrincipalChain(Kind.ROLE, m.group(1), m.group(2), m.group(3), principal);
        }
        if ((m = USER.matcher(principal)).matches()) {
            return new PrincipalChain(Kind.USER, m.group(1), m.group(2), null, principal);
        }
        if ((m = ROOT.matcher(principal)).matches()) {
            return new PrincipalChain(Kind.ROOT, m.group(1), m.group(2), null, principal);
        }
        if (AccountIds.valid(principal)) {
            return new PrincipalChain(Kind.ROOT, "aws", principal, null, principal);
        }
        if ((m = ANY_ARN.matcher(principal)).matches()) {
            return new PrincipalChain(Kind.OTHER, m.group(1), m.group(2), null, principal);
        }
        return new PrincipalChain(Kind.OTHER, null, null, null, principal);
    }

    /** Whether {@code value} (a Principal entry) is the ARN of this caller's role, with any path. */
    boolean isItsRole(String value) {
        if (roleName == null) {
            return false;
        }
        Matcher m = ROLE.matcher(value);
        return m.matches() && m.group(2).equals(account) && m.group(3).equals(roleName);
    }

    /** Whether {@code value} names the whole account: its id or its root ARN. */
    static boolean namesAccount(String value, String account) {
        if (value.equals(account)) {
            return true;
        }
        Matcher m = ROOT.matcher(value);
        return m.matches() && m.group(2).equals(account);
    }

    /** {@code aws:PrincipalArn}: a session reports its role's ARN (the path is not in a session ARN). */
    public String principalArn() {
        return kind == Kind.SESSION ? "arn:" + partition + ":iam::" + account + ":role/" + roleName : principal;
    }

    /** {@code aws:PrincipalType} as AWS fills it, or null for a principal that is not an IAM identity. */
    public String principalType() {
        return switch (kind) {
            case USER -> "User";
            case SESSION, ROLE -> "AssumedRole";
            case ROOT -> "Account";
            case OTHER -> null;
        };
    }

    /**
     * A service-linked role (or one of its sessions): SCPs and RCPs do not restrict those. Known by the
     * {@code aws-service-role/} path of the role ARN, or, for a session (whose ARN has no path), by the
     * {@code AWSServiceRoleFor} name prefix every service-linked role carries.
     */
    public boolean serviceLinkedRole() {
        return kind == Kind.ROLE && principal.contains(SERVICE_ROLE_PATH)
                || (kind == Kind.ROLE || kind == Kind.SESSION) && roleName.startsWith(SERVICE_ROLE_PREFIX);
    }
}
