package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.RequestContext;

/**
 * One request to evaluate. {@code context} null means "unknown" (a scan): every Condition is then
 * undecided and turns the answer CONDITIONAL. {@code principal} and {@code resourceAccount} may be null.
 */
public record AccessRequest(String action, String resource, String principal, String resourceAccount,
                            RequestContext context) {

    /** A request with no context, as the scan asks it. */
    public static AccessRequest withoutContext(String action, String resource, String principal) {
        return new AccessRequest(action, resource, principal, null, null);
    }
}
