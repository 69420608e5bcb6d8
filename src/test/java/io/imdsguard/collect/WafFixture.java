package io.imdsguard.collect;

import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;

/** WAFv2 request pieces for the fleet: the common rule set with one SSRF rule set to Count. */
final class WafFixture {
    private WafFixture() {
    }

    static VisibilityConfig visibility(String name) {
        return VisibilityConfig.builder().sampledRequestsEnabled(false).cloudWatchMetricsEnabled(false)
                .metricName(name).build();
    }

    static Rule commonRuleSet() {
        return Rule.builder().name("common").priority(1)
                .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name("AWSManagedRulesCommonRuleSet")
                        .ruleActionOverrides(o -> o.name("EC2MetaDataSSRF_BODY").actionToUse(a -> a.count(c -> { })))
                        .excludedRules(e -> e.name("SizeRestrictions_BODY"))))
                .overrideAction(o -> o.none(n -> { }))
                .visibilityConfig(visibility("common"))
                .build();
    }
}
