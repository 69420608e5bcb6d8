package io.imdsguard.analyze.network;

import io.imdsguard.inventory.WebAcl;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a load balancer's web ACL blocks SSRF to the instance metadata service: the AWS managed
 * {@code AWSManagedRulesCommonRuleSet}, not in Count mode, with none of its {@code EC2MetaDataSSRF_*}
 * rules (BODY, COOKIE, QUERYARGUMENTS, URIPATH) overridden to Count.
 */
final class WafCheck {
    static final String CORE_RULE_SET = "AWSManagedRulesCommonRuleSet";
    static final String SSRF_RULE_PREFIX = "EC2MetaDataSSRF_";

    private final Map<String, WebAcl> byResource = new HashMap<>();

    WafCheck(List<WebAcl> webAcls) {
        for (WebAcl acl : webAcls) {
            acl.resourceArns().forEach(arn -> byResource.put(arn, acl));
        }
    }

    /** The web ACL associated with a resource ARN (a resource has at most one). */
    Optional<WebAcl> webAcl(String resourceArn) {
        return Optional.ofNullable(byResource.get(resourceArn));
    }

    static boolean blocksImdsSsrf(WebAcl acl) {
        return acl.managedRuleGroups().stream().anyMatch(g -> "AWS".equalsIgnoreCase(g.vendorName())
                && CORE_RULE_SET.equals(g.name())
                && !g.countOnly()
                && g.rulesOverriddenToCount().stream()
                .noneMatch(r -> r.toUpperCase(Locale.ROOT).startsWith(SSRF_RULE_PREFIX.toUpperCase(Locale.ROOT))));
    }
}
