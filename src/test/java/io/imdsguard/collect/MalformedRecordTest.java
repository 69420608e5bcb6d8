package io.imdsguard.collect;

import io.imdsguard.inventory.ClassicLoadBalancer;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.Role;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.LoadBalancerFleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.RoleDetail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One record the mapping cannot read costs that record, with a gap naming it; the rest of its list, and
 * the other lists, are kept. Real clients against the emulator; a response interceptor appends one
 * malformed record (built with the SDK's own builders) to what the emulator answered.
 */
class MalformedRecordTest {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = AwsEmulator.ACCOUNT_ID;
    private static final String BAD_LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/bad/0badc0de";
    private static final String BAD_ROLE = "arn:aws:iam::123456789012:role/bad";

    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    static String instanceId;
    static String groupId;
    static String albArn;
    static String roleArn;

    @BeforeAll
    static void seed() {
        try (FleetBuilder fleet = AWS.fleet(REGION)) {
            String vpc = fleet.network().vpc("10.40.0.0/16", false).id();
            String a = fleet.network().subnet(vpc, "10.40.1.0/24", null, true);
            String b = fleet.network().subnet(vpc, "10.40.2.0/24", null, true);
            groupId = fleet.network().securityGroup(vpc, "web");
            instanceId = fleet.compute().run(InstanceSpec.in(a).securityGroups(groupId)).instanceId();
            albArn = fleet.loadBalancers().applicationLoadBalancer("good", LoadBalancerFleet.INTERNET_FACING,
                    List.of(a, b), List.of(groupId)).arn();
            fleet.loadBalancers().classicLoadBalancer("classic", LoadBalancerFleet.INTERNET_FACING, List.of(a),
                    List.of(groupId), 80, instanceId);
            roleArn = fleet.iam().role("good");
        }
    }

    @Test
    void aBadLoadBalancerCostsItselfAndNeitherTheOtherLoadBalancersNorTheClassicOnes() {
        Gaps gaps = new Gaps();
        // A security group list holding a null: the mapping sorts the list and cannot.
        var bad = software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.builder()
                .loadBalancerArn(BAD_LB).loadBalancerName("bad").type("application").scheme("internet-facing")
                .securityGroups(Arrays.asList("sg-1", null)).build();
        ElbInventory elb;
        List<ClassicLoadBalancer> classics;
        try (ElasticLoadBalancingV2Client v2 = AWS.client(ElasticLoadBalancingV2Client.builder()
                     .overrideConfiguration(c -> c.addExecutionInterceptor(append(DescribeLoadBalancersResponse.class,
                             r -> r.toBuilder().loadBalancers(plus(r.loadBalancers(), bad)).build()))), REGION);
             ElasticLoadBalancingClient classic = AWS.client(ElasticLoadBalancingClient.builder(), REGION)) {
            // As Collector runs them: two tasks over one collector.
            ElbCollector collector = new ElbCollector(v2, classic, new AwsCalls(ACCOUNT, REGION, ElbCollector.SERVICE, gaps),
                    new AwsCalls(ACCOUNT, REGION, ElbCollector.CLASSIC_SERVICE, gaps));
            elb = collector.collectV2();
            classics = collector.collectClassic();
        }

        assertThat(elb.loadBalancers()).extracting(LoadBalancer::arn).containsExactly(albArn);
        assertThat(classics).extracting(ClassicLoadBalancer::name).containsExactly("classic");
        assertThat(gaps.sorted()).singleElement().satisfies(g -> {
            assertThat(g.service()).isEqualTo("elasticloadbalancingv2");
            assertThat(g.operation()).isEqualTo("DescribeLoadBalancers");
            assertThat(g.error()).startsWith("InternalError: cannot read load balancer " + BAD_LB + ": ");
        });
    }

    @Test
    void aBadInstanceOrSecurityGroupCostsOnlyThatRecord() {
        Gaps gaps = new Gaps();
        // An interface list holding a null, and an SG rule with a backwards TCP port range.
        var badInstance = software.amazon.awssdk.services.ec2.model.Instance.builder().instanceId("i-0bad")
                .networkInterfaces(Arrays.asList((software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface) null))
                .build();
        var badGroup = software.amazon.awssdk.services.ec2.model.SecurityGroup.builder().groupId("sg-0bad")
                .groupName("bad").ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(8).toPort(0).build())
                .build();
        Ec2Inventory ec2;
        try (Ec2Client client = AWS.client(Ec2Client.builder().overrideConfiguration(c -> c
                .addExecutionInterceptor(append(DescribeInstancesResponse.class, r -> r.toBuilder()
                        .reservations(plus(r.reservations(), Reservation.builder().instances(badInstance).build())).build()))
                .addExecutionInterceptor(append(DescribeSecurityGroupsResponse.class, r -> r.toBuilder()
                        .securityGroups(plus(r.securityGroups(), badGroup)).build()))), REGION)) {
            ec2 = new Ec2Collector(client, new AwsCalls(ACCOUNT, REGION, Ec2Collector.SERVICE, gaps), ACCOUNT).collect();
        }

        assertThat(ec2.instances()).extracting(Instance::instanceId).containsExactly(instanceId);
        assertThat(ec2.securityGroups()).extracting(SecurityGroup::groupId).contains(groupId).doesNotContain("sg-0bad");
        assertThat(ec2.vpcs()).isNotEmpty();
        assertThat(gaps.sorted()).extracting(CollectionGap::operation, g -> g.error().substring(0, g.error().indexOf(": ", 15)))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DescribeInstances", "InternalError: cannot read instance i-0bad"),
                        org.assertj.core.groups.Tuple.tuple("DescribeSecurityGroups",
                                "InternalError: cannot read security group sg-0bad"));
        assertThat(gaps.sorted().get(1).error()).endsWith("invalid port range 8-0");
    }

    @Test
    void aRoleWithAnUndecodablePolicyCostsThatRole() {
        Gaps gaps = new Gaps();
        // '%' followed by no hex digits: the URL-decoding of the inline policy fails.
        RoleDetail bad = RoleDetail.builder().arn(BAD_ROLE).roleName("bad").roleId("AROABAD")
                .rolePolicyList(p -> p.policyName("inline").policyDocument("%ZZ")).build();
        IamInventory iam;
        try (IamClient client = AWS.client(IamClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(
                append(GetAccountAuthorizationDetailsResponse.class,
                        r -> r.toBuilder().roleDetailList(plus(r.roleDetailList(), bad)).build()))), "aws-global")) {
            iam = new IamCollector(client, new AwsCalls(ACCOUNT, Collector.GLOBAL, IamCollector.SERVICE, gaps), gaps,
                    ACCOUNT).collect();
        }

        assertThat(iam.roles()).extracting(Role::arn).contains(roleArn).doesNotContain(BAD_ROLE);
        assertThat(gaps.sorted()).singleElement().satisfies(g -> {
            assertThat(g.region()).isEqualTo("global");
            assertThat(g.operation()).isEqualTo("GetAccountAuthorizationDetails");
            assertThat(g.error()).startsWith("InternalError: cannot read role " + BAD_ROLE + ": ");
        });
    }

    private static <T> List<T> plus(List<T> list, T extra) {
        List<T> out = new ArrayList<>(list);
        out.add(extra);
        return out;
    }

    /** Rewrites every response of one type as the emulator answered it. */
    private static <R extends SdkResponse> ExecutionInterceptor append(Class<R> type, UnaryOperator<R> rewrite) {
        return new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                return type.isInstance(context.response()) ? rewrite.apply(type.cast(context.response()))
                        : context.response();
            }
        };
    }
}
