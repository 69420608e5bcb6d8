package io.imdsguard.rules;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.facts.UnknownFact;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Collection gaps become UnknownFacts naming what they leave unknown, so rules can tell "not collected" from "absent". */
class UnknownFactsTest {
    private static Snapshot withGaps(CollectionGap... gaps) {
        return new Snapshot(1, null, List.of("1", "2"), List.of("us-east-1"), List.of(), List.of(), List.of(gaps));
    }

    @Test
    void eachGapNamesWhatItLeavesUnknown() {
        Snapshot s = withGaps(
                new CollectionGap("1", "us-east-1", "wafv2", "ListWebACLs", "AccessDenied"),
                new CollectionGap("1", "us-east-1", "ec2", "GetInstanceMetadataDefaults", "UnsupportedOperation"),
                new CollectionGap("1", "eu-west-1", "ec2", "DescribeNetworkAcls", "Throttling"),
                new CollectionGap("1", "global", "iam", "GetAccountAuthorizationDetails", "AccessDenied"),
                new CollectionGap("2", "us-east-1", "ec2", "*", "AuthFailure"),
                new CollectionGap("2", "us-east-1", "elasticloadbalancingv2", "DescribeLoadBalancers", "Throttling"),
                new CollectionGap("2", "us-east-1", "elasticloadbalancing", "DescribeLoadBalancers", "Throttling"),
                new CollectionGap("2", "global", "s3", "ListBuckets", "AccessDenied"));
        assertThat(UnknownFacts.of(s).facts()).extracting(f -> f.account() + "/" + f.region() + "/" + f.subject())
                .containsExactly("1/us-east-1/web-acls", "1/us-east-1/region-defaults", "1/eu-west-1/network",
                        "1/global/iam", "2/us-east-1/region-defaults", "2/us-east-1/instances", "2/us-east-1/network",
                        "2/us-east-1/load-balancers", "2/global/buckets");
        assertThat(UnknownFacts.of(s).facts().get(0).cause()).isEqualTo("wafv2 ListWebACLs: AccessDenied");
    }

    @Test
    void factsReachTheRuleSessionOncePerSubject() {
        Snapshot s = withGaps(new CollectionGap("1", "us-east-1", "wafv2", "ListWebACLs", "AccessDenied"),
                new CollectionGap("1", "us-east-1", "wafv2", "GetWebACL", "AccessDenied"));
        FactSet facts = FactAssembler.assemble(s, new Analysis(Map.of(), Map.of()));
        assertThat(facts.facts()).filteredOn(UnknownFact.class::isInstance).hasSize(1);
    }
}
