package io.imdsguard.testing;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.CountAction;
import software.amazon.awssdk.services.wafv2.model.NoneAction;
import software.amazon.awssdk.services.wafv2.model.OverrideAction;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleActionOverride;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;

/** Seeds S3 buckets, WAFv2 web ACLs and SSM managed nodes. */
public final class StorageFleet {

    /** The AWS managed rule group whose EC2MetaDataSSRF_* rules block SSRF to IMDS. */
    public static final String COMMON_RULE_SET = "AWSManagedRulesCommonRuleSet";

    private final AwsEmulator emulator;
    private final String region;
    private final Wafv2Client wafv2;
    private final Function<String, S3Client> s3ForRegion;

    StorageFleet(AwsEmulator emulator, String region, Wafv2Client wafv2, Function<String, S3Client> s3ForRegion) {
        this.emulator = emulator;
        this.region = region;
        this.wafv2 = wafv2;
        this.s3ForRegion = s3ForRegion;
    }

    /** A bucket in the fleet's region. */
    public String bucket(String name) {
        return bucket(name, region);
    }

    /** A bucket in the given region (with the LocationConstraint AWS requires outside us-east-1). */
    public String bucket(String name, String bucketRegion) {
        S3Client s3 = s3ForRegion.apply(bucketRegion);
        s3.createBucket(r -> {
            r.bucket(name);
            if (!"us-east-1".equals(bucketRegion)) {
                r.createBucketConfiguration(c -> c.locationConstraint(bucketRegion));
            }
        });
        return name;
    }

    /**
     * A regional web ACL with AWSManagedRulesCommonRuleSet, associated with {@code resourceArn} (an ALB);
     * returns the web ACL ARN.
     *
     * @param groupInCountMode override the whole rule group to Count (it then blocks nothing)
     * @param rulesInCount rule names inside the group overridden to Count, e.g. "EC2MetaDataSSRF_BODY"
     */
    public String webAclWithCommonRuleSet(String name, String resourceArn, boolean groupInCountMode,
            String... rulesInCount) {
        List<RuleActionOverride> overrides = Arrays.stream(rulesInCount).map(rule -> RuleActionOverride.builder()
                .name(rule).actionToUse(a -> a.count(CountAction.builder().build())).build()).toList();
        OverrideAction groupAction = groupInCountMode
                ? OverrideAction.builder().count(CountAction.builder().build()).build()
                : OverrideAction.builder().none(NoneAction.builder().build()).build();
        Rule rule = Rule.builder().name("AWS-" + COMMON_RULE_SET).priority(0)
                .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name(COMMON_RULE_SET)
                        .ruleActionOverrides(overrides.isEmpty() ? null : overrides)))
                .overrideAction(groupAction)
                .visibilityConfig(visibility(COMMON_RULE_SET))
                .build();
        String arn = wafv2.createWebACL(r -> r.name(name).scope(Scope.REGIONAL)
                .defaultAction(a -> a.allow(x -> { })).visibilityConfig(visibility(name)).rules(rule))
                .summary().arn();
        wafv2.associateWebACL(r -> r.webACLArn(arn).resourceArn(resourceArn));
        return arn;
    }

    /** Registers managed nodes that SSM DescribeInstanceInformation reports in the fleet's region. */
    public void ssmManagedNodes(SsmInstanceSeed... nodes) {
        emulator.seedInstanceInformation(region, nodes);
    }

    private static VisibilityConfig visibility(String metric) {
        return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true)
                .metricName(metric).build();
    }
}
