package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PrincipalChain;
import io.imdsguard.analyze.iam.policy.RequestContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the evaluation derives from a request before reading any policy: the caller's identity chain,
 * whether the request crosses accounts, which organization policies apply (SCPs limit the principal's
 * account, RCPs the resource's; neither applies to the management account or to service-linked roles,
 * and RCPs only to the services that support them), and the global condition keys AWS fills in from
 * the request itself when the caller's context does not give them.
 */
record RequestFacts(AccessRequest request, PrincipalChain chain, boolean crossAccount, boolean scpsApply,
                    boolean rcpsApply) {
    /** The services whose resources RCPs restrict (AWS Organizations user guide, "RCPs"). */
    private static final Set<String> RCP_SERVICES = Set.of("s3", "sts", "kms", "sqs", "secretsmanager",
            "cognito-identity", "ecr", "aoss", "dynamodb");

    static RequestFacts of(PolicySet set, AccessRequest request) {
        PrincipalChain chain = request.principal() == null ? null : PrincipalChain.of(request.principal());
        String principalAccount = chain == null ? null : chain.account();
        String resourceAccount = request.resourceAccount() != null ? request.resourceAccount() : principalAccount;
        boolean cross = resourceAccount != null && principalAccount != null
                && !resourceAccount.equals(principalAccount);
        boolean serviceLinked = chain != null && chain.serviceLinkedRole();
        String management = set.managementAccount();
        // SCPs limit IAM users and roles of member accounts only: not an AWS service principal.
        boolean servicePrincipal = chain != null && chain.kind() == PrincipalChain.Kind.OTHER
                && principalAccount == null;
        boolean scps = !serviceLinked && !servicePrincipal
                && (management == null || !management.equals(principalAccount));
        boolean rcps = !serviceLinked && (management == null || !management.equals(resourceAccount))
                && RCP_SERVICES.contains(service(request.action()));
        AccessRequest enriched = request.context() == null ? request : new AccessRequest(request.action(),
                request.resource(), request.principal(), request.resourceAccount(),
                request.context().withDefaults(globalKeys(chain, resourceAccount)));
        return new RequestFacts(enriched, chain, cross, scps, rcps);
    }

    /** The account root, which identity policies do not restrict: it may do anything in its own account. */
    boolean accountRoot() {
        return chain != null && chain.kind() == PrincipalChain.Kind.ROOT && !crossAccount;
    }

    /** A principal with permission boundaries, as far as a NotPrincipal Deny cares: a user or a role. */
    boolean boundable() {
        return chain != null && chain.kind() != PrincipalChain.Kind.ROOT && chain.kind() != PrincipalChain.Kind.OTHER;
    }

    private static String service(String action) {
        int colon = action.indexOf(':');
        return colon < 0 ? "" : action.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<String>> globalKeys(PrincipalChain chain, String resourceAccount) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (chain != null && chain.kind() != PrincipalChain.Kind.OTHER) {
            keys.put("aws:PrincipalArn", List.of(chain.principalArn()));
            keys.put("aws:PrincipalAccount", List.of(chain.account()));
            keys.put("aws:PrincipalType", List.of(chain.principalType()));
            if (chain.kind() == PrincipalChain.Kind.USER) {
                String arn = chain.principal();
                keys.put("aws:username", List.of(arn.substring(arn.lastIndexOf('/') + 1)));
            }
        }
        if (resourceAccount != null) {
            keys.put("aws:ResourceAccount", List.of(resourceAccount));
        }
        return keys;
    }
}
