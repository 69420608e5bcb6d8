package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/** Seeds one of each fixture resource and reads it back through the SDK. */
class FleetBuilderTest {

    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final String REGION = "us-west-2";

    @Test
    void seedsOneOfEachResource() {
        try (FleetBuilder fleet = AWS.fleet(REGION);
                Ec2Client ec2 = AWS.client(Ec2Client.builder(), REGION)) {
            NetworkFleet net = fleet.network();
            NetworkFleet.VpcRef vpc = net.vpc("10.0.0.0/16", true);
            assertThat(vpc.ipv6Cidr()).endsWith("/56");
            String v6Subnet = NetworkFleet.ipv6Subnet(vpc.ipv6Cidr(), 1);
            String publicSubnet = net.subnet(vpc.id(), "10.0.1.0/24", v6Subnet, true);
            String privateSubnet = net.subnet(vpc.id(), "10.0.2.0/24", null, false);
            String igw = net.internetGateway(vpc.id());
            String eigw = net.egressOnlyInternetGateway(vpc.id());
            String nat = net.natGateway(publicSubnet);
            String prefixList = net.managedPrefixList("office", "198.51.100.0/24", "203.0.113.0/24");
            String publicRt = net.routeTable(vpc.id(), publicSubnet);
            net.route(publicRt, "0.0.0.0/0", igw);
            net.route(publicRt, "::/0", eigw);
            net.route(publicRt, prefixList, igw);
            String privateRt = net.routeTable(vpc.id(), privateSubnet);
            net.route(privateRt, "0.0.0.0/0", nat);
            String acl = net.networkAcl(vpc.id(), publicSubnet);
            net.naclEntries(acl, NaclRule.allowTcpIn(100, "0.0.0.0/0", 22, 22), NaclRule.denyTcpIn(110, "::/0", 22, 22),
                    NaclRule.allowAllOut(100, "0.0.0.0/0"), NaclRule.denyAll(32000, false, "0.0.0.0/0"));
            String lbSg = net.securityGroup(vpc.id(), "alb");
            net.allowIngress(lbSg, SgRule.tcp(80).fromCidr("0.0.0.0/0"), SgRule.tcp(443).fromCidr("::/0"));
            String webSg = net.securityGroup(vpc.id(), "web");
            net.allowIngress(webSg, SgRule.tcp(80).fromGroup(lbSg), SgRule.tcp(22).fromPrefixList(prefixList));
            net.revokeAllEgress(webSg);

            IamFleet iam = fleet.iam();
            iam.role("web-role");
            iam.inlinePolicy("web-role", "read", IamFleet.policy("Allow", List.of("s3:GetObject", "s3:ListBucket"), "*"));
            String managed = iam.managedPolicy("managed", IamFleet.policy("Allow", List.of("ec2:Describe*"), "*"));
            String v2 = iam.policyVersion(managed, IamFleet.policy("Allow", List.of("s3:*"), "*"), false);
            iam.attach("web-role", managed);
            String boundary = iam.managedPolicy("boundary", IamFleet.policy("Allow", List.of("s3:GetObject"), "*"));
            iam.permissionsBoundary("web-role", boundary);
            iam.instanceProfile("web-profile", "web-role");

            ComputeFleet.LaunchedInstance web = fleet.compute().run(InstanceSpec.in(publicSubnet).name("web-1")
                    .tag("team", "blue").securityGroups(webSg).privateIp("10.0.1.10")
                    .secondaryPrivateIps("10.0.1.11").extraInterfaceIn(privateSubnet)
                    .instanceProfile("web-profile").metadata(ImdsOptions.v1Allowed().withHopLimit(2)));
            ComputeFleet.LaunchedInstance stopped = fleet.compute().run(InstanceSpec.in(privateSubnet)
                    .associatePublicIp(false).metadata(ImdsOptions.v2Required()));
            fleet.compute().stop(stopped.instanceId());
            fleet.compute().setMetadataOptions(stopped.instanceId(), ImdsOptions.v2Required().endpointDisabled());
            String eip = net.allocateEip();
            net.associateEip(eip, web.networkInterfaceIds().get(0), "10.0.1.11");

            LoadBalancerFleet lbs = fleet.loadBalancers();
            LoadBalancerFleet.LoadBalancerRef alb = lbs.applicationLoadBalancer("web-alb",
                    LoadBalancerFleet.INTERNET_FACING, List.of(publicSubnet, privateSubnet), List.of(lbSg));
            LoadBalancerFleet.LoadBalancerRef nlb = lbs.networkLoadBalancer("web-nlb", LoadBalancerFleet.INTERNAL,
                    List.of(privateSubnet));
            String instanceTg = lbs.targetGroup("web-instances", vpc.id(), "instance", "HTTP", 80);
            String ipTg = lbs.targetGroup("web-ips", vpc.id(), "ip", "HTTP", 80);
            String nlbTg = lbs.targetGroup("nlb-instances", vpc.id(), "instance", "TCP", 22);
            lbs.registerTargets(instanceTg, web.instanceId());
            lbs.registerTargets(ipTg, "10.0.1.11");
            lbs.registerTargets(nlbTg, web.instanceId());
            String listener = lbs.weightedListener(alb.arn(), "HTTP", 80, Map.of(instanceTg, 80, ipTg, 20));
            lbs.pathRule(listener, 10, "/admin/*", instanceTg);
            lbs.listener(nlb.arn(), "TCP", 22, nlbTg);
            lbs.classicLoadBalancer("classic", LoadBalancerFleet.INTERNET_FACING, List.of(publicSubnet),
                    List.of(lbSg), 80, web.instanceId());

            StorageFleet storage = fleet.storage();
            storage.bucket("data-west");
            storage.bucket("data-east", "us-east-1");
            storage.bucket("data-eu", "eu-west-1");
            String webAcl = storage.webAclWithCommonRuleSet("alb-acl", alb.arn(), false, "EC2MetaDataSSRF_BODY");
            storage.ssmManagedNodes(SsmInstanceSeed.onlineLinux(web.instanceId()));

            // --- read everything back ---
            List<Route> routes = ec2.describeRouteTables(r -> r.routeTableIds(publicRt)).routeTables().get(0).routes();
            assertThat(routes).anySatisfy(r -> assertThat(r.gatewayId()).isEqualTo(igw));
            assertThat(routes).anySatisfy(r -> assertThat(r.egressOnlyInternetGatewayId()).isEqualTo(eigw));
            assertThat(routes).anySatisfy(r -> assertThat(r.destinationPrefixListId()).isEqualTo(prefixList));
            assertThat(ec2.describeRouteTables(r -> r.routeTableIds(privateRt)).routeTables().get(0).routes())
                    .anySatisfy(r -> assertThat(r.natGatewayId()).isEqualTo(nat));
            NetworkAcl nacl = ec2.describeNetworkAcls(r -> r.networkAclIds(acl)).networkAcls().get(0);
            assertThat(nacl.associations()).anySatisfy(a -> assertThat(a.subnetId()).isEqualTo(publicSubnet));
            assertThat(nacl.entries()).anySatisfy(e -> {
                assertThat(e.ipv6CidrBlock()).isEqualTo("::/0");
                assertThat(e.ruleActionAsString()).isEqualTo("deny");
            });
            SecurityGroup web2 = ec2.describeSecurityGroups(r -> r.groupIds(webSg)).securityGroups().get(0);
            assertThat(web2.ipPermissions()).flatExtracting(p -> p.userIdGroupPairs()).extracting(g -> g.groupId())
                    .containsExactly(lbSg);
            assertThat(web2.ipPermissions()).flatExtracting(p -> p.prefixListIds()).extracting(p -> p.prefixListId())
                    .containsExactly(prefixList);
            assertThat(web2.ipPermissionsEgress()).isEmpty();
            assertThat(ec2.describeSubnets(r -> r.subnetIds(publicSubnet)).subnets().get(0).mapPublicIpOnLaunch()).isTrue();

            Instance webInstance = ec2.describeInstances(r -> r.instanceIds(web.instanceId())).reservations().get(0)
                    .instances().get(0);
            assertThat(webInstance.privateIpAddress()).isEqualTo("10.0.1.10");
            assertThat(webInstance.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("web-1"));
            assertThat(webInstance.iamInstanceProfile().arn()).endsWith("instance-profile/web-profile");
            assertThat(webInstance.metadataOptions().httpTokensAsString()).isEqualTo("optional");
            assertThat(webInstance.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
            assertThat(webInstance.networkInterfaces()).hasSize(2);
            assertThat(webInstance.networkInterfaces()).flatExtracting(i -> i.privateIpAddresses())
                    .extracting(p -> p.privateIpAddress()).contains("10.0.1.10", "10.0.1.11");
            Instance stoppedInstance = ec2.describeInstances(r -> r.instanceIds(stopped.instanceId())).reservations()
                    .get(0).instances().get(0);
            assertThat(stoppedInstance.state().nameAsString()).isIn("stopping", "stopped");
            assertThat(stoppedInstance.metadataOptions().httpEndpointAsString()).isEqualTo("disabled");
            assertThat(stoppedInstance.metadataOptions().httpTokensAsString()).isEqualTo("required");
            assertThat(ec2.describeAddresses(r -> r.allocationIds(eip)).addresses().get(0).networkInterfaceId())
                    .isEqualTo(web.primaryInterfaceId());

            try (ElasticLoadBalancingV2Client elbv2 = AWS.client(ElasticLoadBalancingV2Client.builder(), REGION);
                    ElasticLoadBalancingClient elb = AWS.client(ElasticLoadBalancingClient.builder(), REGION)) {
                assertThat(elbv2.describeLoadBalancers(r -> r.loadBalancerArns(alb.arn())).loadBalancers().get(0)
                        .schemeAsString()).isEqualTo("internet-facing");
                Listener l = elbv2.describeListeners(r -> r.loadBalancerArn(alb.arn())).listeners().get(0);
                assertThat(l.defaultActions().get(0).forwardConfig().targetGroups()).hasSize(2);
                assertThat(elbv2.describeRules(r -> r.listenerArn(listener)).rules())
                        .anySatisfy(rule -> assertThat(rule.priority()).isEqualTo("10"));
                assertThat(elbv2.describeTargetHealth(r -> r.targetGroupArn(instanceTg)).targetHealthDescriptions())
                        .extracting(t -> t.target().id()).containsExactly(web.instanceId());
                assertThat(elb.describeLoadBalancers().loadBalancerDescriptions().get(0).instances())
                        .extracting(i -> i.instanceId()).containsExactly(web.instanceId());
            }
            try (IamClient iamClient = AWS.client(IamClient.builder(), "aws-global")) {
                Role role = iamClient.getRole(r -> r.roleName("web-role")).role();
                assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
                assertThat(v2).isEqualTo("v2");
                assertThat(iamClient.getPolicy(r -> r.policyArn(managed)).policy().defaultVersionId()).isEqualTo("v1");
            }
            try (S3Client s3 = AWS.client(S3Client.builder(), "us-east-1")) {
                assertThat(s3.listBuckets().buckets()).extracting(b -> b.name())
                        .contains("data-west", "data-east", "data-eu");
                assertThat(s3.getBucketLocation(r -> r.bucket("data-eu")).locationConstraintAsString())
                        .isEqualTo("eu-west-1");
            }
            try (Wafv2Client waf = AWS.client(Wafv2Client.builder(), REGION);
                    SsmClient ssm = AWS.client(SsmClient.builder(), REGION)) {
                assertThat(waf.getWebACLForResource(r -> r.resourceArn(alb.arn())).webACL().arn()).isEqualTo(webAcl);
                assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(webAcl)).resourceArns()).containsExactly(alb.arn());
                assertThat(waf.getWebACLForResource(r -> r.resourceArn(alb.arn())).webACL().rules().get(0).statement()
                        .managedRuleGroupStatement().ruleActionOverrides().get(0).name()).isEqualTo("EC2MetaDataSSRF_BODY");
                assertThat(ssm.describeInstanceInformation().instanceInformationList())
                        .extracting(i -> i.instanceId()).containsExactly(web.instanceId());
            }
        }
    }
}
