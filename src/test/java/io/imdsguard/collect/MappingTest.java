package io.imdsguard.collect;

import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.WebAcl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.wafv2.model.Rule;

import java.net.ConnectException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure pieces of the collectors, as tables of cases. */
class MappingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain JSON stays                 | {"a":"b+c"}                              | {"a":"b+c"}
            percent-encoded is decoded       | %7B%22a%22%3A%22s3%3A%2A%22%7D           | {"a":"s3:*"}
            encoded plus is a plus           | %7B%22a%22%3A%22x%2By%22%7D              | {"a":"x+y"}
            literal plus is not a space      | %7B%22a%22%3A%22x+y%22%7D                | {"a":"x+y"}
            """)
    void policyDocumentsAreUrlDecoded(String name, String wire, String expected) {
        assertThat(PolicyDocuments.decode(wire)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "NULL", value = {"NULL,us-east-1", "'',us-east-1", "EU,eu-west-1", "eu-west-1,eu-west-1",
        "ap-south-1,ap-south-1"})
    void bucketLocationConstraintToRegion(String constraint, String region) {
        assertThat(S3Collector.normalise(constraint)).isEqualTo(region);
    }

    @Test
    void serviceErrorsKeepCodeAndMessageButNoRequestId() {
        AwsServiceException e = AwsServiceException.builder().statusCode(403).requestId("req-123")
                .message("denied (Service: Ec2, Status Code: 403, Request ID: req-123)")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedOperation")
                        .errorMessage("You are not\n authorized").serviceName("Ec2").build()).build();
        assertThat(ErrorText.of(e)).isEqualTo("UnauthorizedOperation: You are not authorized");
        AwsServiceException bare = AwsServiceException.builder().statusCode(500)
                .message("(Service: Ec2, Status Code: 500, Request ID: null)").build();
        assertThat(ErrorText.of(bare)).isEqualTo("HTTP 500: the service answered without an error code or message");
        // What an endpoint that does not implement the operation yields (an HTML 500 page), after retries.
        AwsServiceException unparsed = AwsServiceException.builder().statusCode(500)
                .message("(Service: Ec2, Status Code: 500, Request ID: null) (SDK Attempt Count: 4)").build();
        assertThat(ErrorText.of(unparsed)).isEqualTo("HTTP 500: the service answered without an error code or message");
    }

    @Test
    void clientFailuresBecomeGapsNamedByTheirKind() {
        Gaps gaps = new Gaps();
        AwsCalls calls = new AwsCalls("111122223333", "eu-west-1", "ec2", gaps);
        assertThat(calls.call("DescribeVpcs", () -> {
            throw SdkClientException.create("Unable to execute HTTP request: refused", new ConnectException("Connection refused"));
        })).isEmpty();
        assertThat(calls.call("DescribeSubnets", () -> {
            throw ApiCallTimeoutException.create(240_000);
        })).isEmpty();
        assertThat(calls.call("DescribeRouteTables", () -> "fine")).contains("fine");
        assertThat(gaps.sorted()).extracting(CollectionGap::operation, CollectionGap::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DescribeSubnets", "ApiCallTimeoutException: "
                        + ApiCallTimeoutException.create(240_000).getMessage()),
                org.assertj.core.groups.Tuple.tuple("DescribeVpcs", "SdkClientException: Connection refused"));
    }

    @Test
    void aRecordThatCannotBeMappedCostsOneCallNotTheRegion() {
        Gaps gaps = new Gaps();
        AwsCalls calls = new AwsCalls("111122223333", "eu-west-1", "ec2", gaps);
        assertThat(calls.call("DescribeSecurityGroups", () -> {
            throw new IllegalArgumentException("invalid port range 8-0");
        })).isEmpty();
        assertThat(calls.callIfExists("GetManagedPrefixListEntries", () -> {
            throw new NullPointerException("entry");
        })).isEmpty();
        assertThat(calls.call("DescribeInstances", () -> "still collected")).contains("still collected");
        assertThat(gaps.sorted()).extracting(CollectionGap::operation, CollectionGap::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DescribeSecurityGroups",
                        "InternalError: IllegalArgumentException: invalid port range 8-0"),
                org.assertj.core.groups.Tuple.tuple("GetManagedPrefixListEntries",
                        "InternalError: NullPointerException: entry"));
    }

    @Test
    void aListIsMappedRecordByRecordAndEachBadOneIsAGapNamingIt() {
        Gaps gaps = new Gaps();
        AwsCalls calls = new AwsCalls("111122223333", "eu-west-1", "elasticloadbalancingv2", gaps);
        var good = software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.builder()
                .loadBalancerArn("arn:lb/good").loadBalancerName("good").securityGroups("sg-1").build();
        var nullGroup = good.toBuilder().loadBalancerArn("arn:lb/bad").securityGroups(java.util.Arrays.asList("sg-1", null))
                .build();
        var noArn = good.toBuilder().loadBalancerArn(null).build();

        List<io.imdsguard.inventory.LoadBalancer> mapped = calls.list("DescribeLoadBalancers", "load balancer",
                () -> List.of(good, nullGroup, noArn),
                software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer::loadBalancerArn,
                lb -> ElbCollector.loadBalancer(lb, List.of()));

        assertThat(mapped).extracting(io.imdsguard.inventory.LoadBalancer::arn).containsExactly("arn:lb/good");
        assertThat(gaps.sorted()).extracting(CollectionGap::operation).containsOnly("DescribeLoadBalancers");
        assertThat(gaps.sorted()).extracting(CollectionGap::error).satisfiesExactlyInAnyOrder(
                e -> assertThat(e).startsWith("InternalError: cannot read load balancer arn:lb/bad: NullPointerException"),
                e -> assertThat(e).isEqualTo(
                        "InternalError: cannot read load balancer: IllegalArgumentException: the record has no identifier"));
    }

    @Test
    void notFoundOnAPerResourceCallIsSkippedOtherErrorsAreGaps() {
        Gaps gaps = new Gaps();
        AwsCalls calls = new AwsCalls("111122223333", "us-east-1", "elasticloadbalancingv2", gaps);
        assertThat(calls.callIfExists("DescribeListeners", () -> {
            throw serviceError("LoadBalancerNotFound");
        })).isEmpty();
        assertThat(calls.callIfExists("GetBucketLocation", () -> {
            throw serviceError("NoSuchBucket");
        })).isEmpty();
        assertThat(gaps.sorted()).isEmpty();
        calls.callIfExists("DescribeRules", () -> {
            throw serviceError("AccessDenied");
        });
        assertThat(gaps.sorted()).extracting(CollectionGap::error).containsExactly("AccessDenied: boom");
    }

    @Test
    void forwardTargetsIncludeWeightedGroupsAndIgnoreOtherActions() {
        List<Action> actions = List.of(
                Action.builder().type("authenticate-oidc").build(),
                Action.builder().type("forward").targetGroupArn("tg-a").build(),
                Action.builder().type("forward").forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn("tg-b").weight(1).build(),
                        TargetGroupTuple.builder().targetGroupArn("tg-a").weight(2).build())).build(),
                Action.builder().type("redirect").build());
        assertThat(ElbCollector.forwardTargets(actions)).containsExactly("tg-a", "tg-b");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "dualstack, dualstack, true, true",
            "dualstack-without-public-ipv4, dualstack-without-public-ipv4, false, true",
            "ipv4, ipv4, true, false",
            "null, ipv4, true, false"})
    void ipAddressTypeMapsThroughAndAbsentMeansIpv4(String wire, String mapped, boolean ipv4, boolean ipv6) {
        software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer sdk =
                software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.builder()
                        .loadBalancerArn("arn:lb/web").loadBalancerName("web").type("application")
                        .scheme("internet-facing").ipAddressType(wire).vpcId("vpc-1")
                        .availabilityZones(z -> z.subnetId("subnet-b"), z -> z.subnetId("subnet-a"))
                        .securityGroups("sg-1").build();
        io.imdsguard.inventory.LoadBalancer lb = ElbCollector.loadBalancer(sdk, List.of());
        assertThat(lb.ipAddressType()).isEqualTo(mapped);
        assertThat(lb.listensOnIpv4()).isEqualTo(ipv4);
        assertThat(lb.listensOnIpv6()).isEqualTo(ipv6);
        assertThat(lb.subnetIds()).containsExactly("subnet-a", "subnet-b");
    }

    @Test
    void managedRuleGroupsRecordCountModeAndDisarmedRules() {
        Rule counted = Rule.builder().name("crs").priority(1)
                .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name("AWSManagedRulesCommonRuleSet")
                        .ruleActionOverrides(
                                o -> o.name("EC2MetaDataSSRF_QUERYARGUMENTS").actionToUse(a -> a.allow(x -> { })),
                                o -> o.name("EC2MetaDataSSRF_COOKIE").actionToUse(a -> a.block(x -> { })))))
                .overrideAction(o -> o.count(c -> { })).build();
        assertThat(WafCollector.managedGroup(counted)).isEqualTo(new WebAcl.ManagedRuleGroup("AWS",
                "AWSManagedRulesCommonRuleSet", true, List.of("EC2MetaDataSSRF_QUERYARGUMENTS")));
        Rule own = Rule.builder().name("ip").priority(2)
                .statement(s -> s.ipSetReferenceStatement(i -> i.arn("arn:ipset"))).build();
        assertThat(WafCollector.managedGroup(own)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'' | true", "all | true", "ALL | true", "us-east-1 | false",
        "' us-east-1 , eu-west-1 ' | false"})
    void regionSelection(String regions, boolean all) {
        assertThat(new io.imdsguard.collect.CollectRequest(List.of(regions.split(","))).allRegions()).isEqualTo(all);
    }

    /**
     * For ICMP, AWS puts the type in FromPort and the code in ToPort ("allow ping" is 8/0), so only
     * TCP and UDP rules have a port range; one ICMP rule must not fail the whole listing.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            icmp echo request (type 8 code 0)    | icmp | 8    | 0     | all
            icmp unreachable by number (3/0)     | 1    | 3    | 0     | all
            icmp time exceeded (11/0)            | icmp | 11   | 0     | all
            icmpv6 every type                    | 58   | -1   | -1    | all
            tcp one port                         | tcp  | 22   | 22    | 22
            tcp range by number                  | 6    | 1024 | 65535 | 1024-65535
            udp every port                       | udp  | 0    | 65535 | all
            every protocol                       | -1   | NULL | NULL  | all
            """)
    void onlyTcpAndUdpRulesHavePortRanges(String name, String protocol, Integer from, Integer to, String ports) {
        IpPermission permission = IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
        assertThat(NetworkMapping.rule(permission).ports()).hasToString(ports);
        NetworkAclEntry.Builder entry = NetworkAclEntry.builder().ruleNumber(100).egress(false).protocol(protocol)
                .ruleAction("allow").cidrBlock("0.0.0.0/0");
        if (from != null) {
            entry.portRange(r -> r.from(from).to(to)).icmpTypeCode(c -> c.type(from).code(to));
        }
        assertThat(NetworkMapping.naclEntry(entry.build()).ports()).hasToString(ports);
    }

    @Test
    void policyNameFromArn() {
        assertThat(IamCollector.nameFromArn("arn:aws:iam::aws:policy/service-role/AmazonSSMRoleForInstancesQuickSetup"))
                .isEqualTo("AmazonSSMRoleForInstancesQuickSetup");
    }

    private static AwsServiceException serviceError(String code) {
        return AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("boom").build()).build();
    }
}
