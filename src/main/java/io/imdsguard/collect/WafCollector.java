package io.imdsguard.collect;

import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.WebAcl;
import io.imdsguard.inventory.WebAcl.ManagedRuleGroup;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsResponse;
import software.amazon.awssdk.services.wafv2.model.ManagedRuleGroupStatement;
import software.amazon.awssdk.services.wafv2.model.ResourceType;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WebACL;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static io.imdsguard.inventory.AwsApi.GET_WEB_ACL;
import static io.imdsguard.inventory.AwsApi.LIST_RESOURCES_FOR_WEB_ACL;
import static io.imdsguard.inventory.AwsApi.LIST_WEB_ACLS;

/**
 * Reads one region's regional WAFv2 web ACLs, the load balancers each protects and the managed
 * rule groups each uses (with what is overridden to Count), for IMDS-006.
 */
final class WafCollector {
    static final String SERVICE = AwsApi.WAFV2;
    private static final int PAGE = 100;

    private final Wafv2Client waf;
    private final AwsCalls calls;

    WafCollector(Wafv2Client waf, AwsCalls calls) {
        this.waf = waf;
        this.calls = calls;
    }

    List<WebAcl> collect() {
        List<WebACLSummary> summaries = calls.call(LIST_WEB_ACLS, this::listAll).orElse(List.of());
        List<WebAcl> out = new ArrayList<>();
        for (WebACLSummary summary : summaries) {
            calls.callIfExists(GET_WEB_ACL, () -> waf.getWebACL(r -> r.scope(Scope.REGIONAL)
                            .name(summary.name()).id(summary.id())).webACL())
                    .ifPresent(acl -> out.addAll(calls.mapEach(GET_WEB_ACL, "web ACL", List.of(acl), WebACL::arn,
                            a -> new WebAcl(a.arn(), a.name(), resources(a.arn()),
                                    a.rules().stream().map(WafCollector::managedGroup).flatMap(Stream::ofNullable)
                                            .toList()))));
        }
        out.sort(Comparator.comparing(WebAcl::arn));
        return out;
    }

    /** WAFv2 has no SDK paginator for ListWebACLs; it pages by NextMarker. */
    private List<WebACLSummary> listAll() {
        List<WebACLSummary> all = new ArrayList<>();
        String marker = null;
        do {
            String next = marker;
            ListWebAcLsResponse page = waf.listWebACLs(r -> r.scope(Scope.REGIONAL).limit(PAGE).nextMarker(next));
            all.addAll(page.webACLs());
            marker = page.webACLs().isEmpty() ? null : page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return all;
    }

    private List<String> resources(String webAclArn) {
        return calls.callIfExists(LIST_RESOURCES_FOR_WEB_ACL, () -> waf.listResourcesForWebACL(r -> r
                        .webACLArn(webAclArn).resourceType(ResourceType.APPLICATION_LOAD_BALANCER)).resourceArns())
                .orElse(List.of()).stream().sorted().toList();
    }

    /** The managed rule group a web ACL rule uses, or null for any other kind of rule. */
    static ManagedRuleGroup managedGroup(Rule rule) {
        ManagedRuleGroupStatement group = rule.statement() == null ? null : rule.statement().managedRuleGroupStatement();
        if (group == null) {
            return null;
        }
        boolean countOnly = rule.overrideAction() != null && rule.overrideAction().count() != null;
        List<String> counted = Stream.concat(
                        group.excludedRules().stream().map(e -> e.name()),
                        group.ruleActionOverrides().stream()
                                .filter(o -> doesNotBlock(o.actionToUse()))
                                .map(o -> o.name()))
                .filter(Objects::nonNull).distinct().sorted().toList();
        return new ManagedRuleGroup(group.vendorName(), group.name(), countOnly, counted);
    }

    /**
     * Count is the usual way to disarm a managed rule; an override to Allow disarms it as surely
     * (the request is let through), so both are listed.
     */
    private static boolean doesNotBlock(RuleAction action) {
        return action != null && (action.count() != null || action.allow() != null);
    }
}
