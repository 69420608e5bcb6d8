package io.imdsguard.collect;

import io.imdsguard.testing.AwsEmulator;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.Scope;

import java.util.List;

/**
 * Seeds the fleet the collector tests read, through the real SDK against the emulator: two regions,
 * several VPCs, public/private/NAT subnets, a custom NACL, security groups referencing groups and a
 * prefix list, an instance with a second interface and an Elastic IP on a secondary address, an ALB
 * and an NLB with listeners, rules and targets, a classic ELB, a WAF web ACL, IAM roles with
 * inline/managed/boundary policies, and buckets in two regions.
 */
final class CollectFleet {
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";
    static final String ASSUME_EC2 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String INLINE_DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data+logs/*\"}]}";
    static final String V1_DOC = policy("s3:ListBucket", "arn:aws:s3:::v1");
    static final String V2_DOC = policy("s3:ListBucket", "arn:aws:s3:::v2");
    static final String V3_DOC = policy("s3:ListBucket", "arn:aws:s3:::v3");
    static final String BOUNDARY_DOC = policy("s3:*", "*");
    /** The west bucket's policy: it grants web-role reading, so collection must bring it back verbatim. */
    static final String BUCKET_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"WebReads\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/web-role\"},"
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::fleet-west-bucket/*\"}]}";

    /** The ids the tests assert on. */
    record Ids(String vpcA, String publicSubnet, String publicSubnet2, String privateSubnet, String igw, String eigw,
               String natGateway, String publicRouteTable, String privateRouteTable, String customNacl,
               String prefixList, String routePrefixList, String webSg, String albSg, String webInstance, String webEni, String secondEni,
               String secondEniSecondaryIp, String eipAllocation, String eipPublicIp, String privateInstance,
               String albArn, String nlbArn, String webTg, String apiTg, String nlbTg, String listenerArn,
               String ruleArn, String webAclArn, String roleArn, String managedPolicyArn, String boundaryArn,
               String profileArn, String vpcB, String westInstance) {
    }

    private CollectFleet() {
    }

    static String policy(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    static Ids seed(AwsEmulator aws) {
        try (IamClient iam = aws.client(IamClient.builder(), "aws-global");
             Ec2Client ec2 = aws.client(Ec2Client.builder(), EAST);
             Ec2Client west = aws.client(Ec2Client.builder(), WEST);
             ElasticLoadBalancingV2Client elbv2 = aws.client(ElasticLoadBalancingV2Client.builder(), EAST);
             ElasticLoadBalancingClient elb = aws.client(ElasticLoadBalancingClient.builder(), EAST);
             Wafv2Client waf = aws.client(Wafv2Client.builder(), EAST);
             S3Client s3East = aws.client(S3Client.builder(), EAST);
             S3Client s3West = aws.client(S3Client.builder(), WEST)) {
            // IAM: a role with an inline policy, a managed policy whose default is the middle of three
            // versions, a permission boundary, and an instance profile.
            String boundary = iam.createPolicy(r -> r.policyName("boundary").policyDocument(BOUNDARY_DOC)).policy().arn();
            String managed = iam.createPolicy(r -> r.policyName("reader").policyDocument(V1_DOC)).policy().arn();
            iam.createPolicyVersion(r -> r.policyArn(managed).policyDocument(V2_DOC).setAsDefault(true));
            iam.createPolicyVersion(r -> r.policyArn(managed).policyDocument(V3_DOC).setAsDefault(false));
            String roleArn = iam.createRole(r -> r.roleName("web-role").assumeRolePolicyDocument(ASSUME_EC2)
                    .permissionsBoundary(boundary)).role().arn();
            iam.putRolePolicy(r -> r.roleName("web-role").policyName("read-data").policyDocument(INLINE_DOC));
            iam.attachRolePolicy(r -> r.roleName("web-role").policyArn(managed));
            String profileArn = iam.createInstanceProfile(r -> r.instanceProfileName("web-profile")).instanceProfile().arn();
            iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("web-role"));

            s3East.createBucket(r -> r.bucket("fleet-east-bucket"));
            s3West.createBucket(r -> r.bucket("fleet-west-bucket").createBucketConfiguration(c -> c.locationConstraint(WEST)));
            s3West.putBucketPolicy(r -> r.bucket("fleet-west-bucket").policy(BUCKET_POLICY));

            // Network A (us-east-1): public subnets to an IGW (+ ::/0 to an EIGW), a private subnet to a NAT.
            var vpcAResponse = ec2.createVpc(r -> r.cidrBlock("10.10.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
            String vpcA = vpcAResponse.vpcId();
            String vpcV6 = ec2.describeVpcs(r -> r.vpcIds(vpcA)).vpcs().get(0).ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
            String subnetV6 = vpcV6.replace("::/56", "::/64");
            String pub = ec2.createSubnet(r -> r.vpcId(vpcA).cidrBlock("10.10.1.0/24").ipv6CidrBlock(subnetV6)
                    .availabilityZone("us-east-1a")).subnet().subnetId();
            String pub2 = subnet(ec2, vpcA, "10.10.2.0/24", "us-east-1b");
            String priv = subnet(ec2, vpcA, "10.10.3.0/24", "us-east-1a");
            ec2.modifySubnetAttribute(r -> r.subnetId(pub).mapPublicIpOnLaunch(AttributeBooleanValue.builder().value(true).build()));
            String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
            ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcA));
            String eigw = ec2.createEgressOnlyInternetGateway(r -> r.vpcId(vpcA)).egressOnlyInternetGateway()
                    .egressOnlyInternetGatewayId();
            String pubRt = ec2.createRouteTable(r -> r.vpcId(vpcA)).routeTable().routeTableId();
            ec2.createRoute(r -> r.routeTableId(pubRt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
            ec2.createRoute(r -> r.routeTableId(pubRt).destinationIpv6CidrBlock("::/0").egressOnlyInternetGatewayId(eigw));
            ec2.associateRouteTable(r -> r.routeTableId(pubRt).subnetId(pub));
            ec2.associateRouteTable(r -> r.routeTableId(pubRt).subnetId(pub2));
            String natEip = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
            String nat = ec2.createNatGateway(r -> r.subnetId(pub).allocationId(natEip)).natGateway().natGatewayId();
            String privRt = ec2.createRouteTable(r -> r.vpcId(vpcA)).routeTable().routeTableId();
            ec2.createRoute(r -> r.routeTableId(privRt).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
            ec2.associateRouteTable(r -> r.routeTableId(privRt).subnetId(priv));

            // A custom NACL on the public subnet: a deny for 10/8 before the allows, ports and IPv6.
            String nacl = ec2.createNetworkAcl(r -> r.vpcId(vpcA)).networkAcl().networkAclId();
            ec2.createNetworkAclEntry(r -> r.networkAclId(nacl).ruleNumber(90).protocol("-1").ruleAction(RuleAction.DENY)
                    .egress(false).cidrBlock("10.0.0.0/8"));
            ec2.createNetworkAclEntry(r -> r.networkAclId(nacl).ruleNumber(100).protocol("6").ruleAction(RuleAction.ALLOW)
                    .egress(false).cidrBlock("0.0.0.0/0").portRange(p -> p.from(443).to(443)));
            ec2.createNetworkAclEntry(r -> r.networkAclId(nacl).ruleNumber(110).protocol("6").ruleAction(RuleAction.ALLOW)
                    .egress(false).ipv6CidrBlock("::/0").portRange(p -> p.from(22).to(22)));
            ec2.createNetworkAclEntry(r -> r.networkAclId(nacl).ruleNumber(100).protocol("6").ruleAction(RuleAction.ALLOW)
                    .egress(true).cidrBlock("0.0.0.0/0").portRange(p -> p.from(1024).to(65535)));
            String oldAssociation = ec2.describeNetworkAcls(r -> r.filters(Filter.builder()
                            .name("association.subnet-id").values(pub).build())).networkAcls().get(0).associations().stream()
                    .filter(a -> pub.equals(a.subnetId())).findFirst().orElseThrow().networkAclAssociationId();
            ec2.replaceNetworkAclAssociation(r -> r.associationId(oldAssociation).networkAclId(nacl));

            // Security groups: the ALB's is open to the internet; the web group admits the ALB's group
            // (a reference), 443 from anywhere and 22 from a managed prefix list.
            String prefixList = ec2.createManagedPrefixList(r -> r.prefixListName("office").maxEntries(5)
                    .addressFamily("IPv4").entries(e -> e.cidr("203.0.113.0/24"), e -> e.cidr("198.51.100.0/24")))
                    .prefixList().prefixListId();
            // A second list only a route names: collected because something references it.
            String routePrefixList = ec2.createManagedPrefixList(r -> r.prefixListName("partners").maxEntries(2)
                    .addressFamily("IPv4").entries(e -> e.cidr("192.0.2.0/24"))).prefixList().prefixListId();
            ec2.createRoute(r -> r.routeTableId(pubRt).destinationPrefixListId(routePrefixList).gatewayId(igw));
            String albSg = ec2.createSecurityGroup(r -> r.groupName("alb").description("alb").vpcId(vpcA)).groupId();
            String webSg = ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpcA)).groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(albSg).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                    .fromPort(80).toPort(80).ipRanges(x -> x.cidrIp("0.0.0.0/0")).ipv6Ranges(x -> x.cidrIpv6("::/0")).build()));
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(webSg).ipPermissions(
                    IpPermission.builder().ipProtocol("tcp").fromPort(8080).toPort(8080)
                            .userIdGroupPairs(g -> g.groupId(albSg)).build(),
                    IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                            .ipRanges(x -> x.cidrIp("0.0.0.0/0")).build(),
                    IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                            .prefixListIds(p -> p.prefixListId(prefixList)).build(),
                    IpPermission.builder().ipProtocol("icmp").fromPort(-1).toPort(-1)
                            .ipRanges(x -> x.cidrIp("192.0.2.0/24")).build()));

            // Instances: web (profile, IMDSv2 required, hop 2, second interface with an EIP on a secondary IP)
            // and a private one with AWS defaults.
            String ami = ec2.describeImages(r -> { }).images().get(0).imageId();
            Instance web = ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).instanceType("t3.micro")
                    .subnetId(pub).privateIpAddress("10.10.1.10").securityGroupIds(webSg).iamInstanceProfile(p -> p.arn(profileArn))
                    .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpPutResponseHopLimit(2))
                    .ipv6AddressCount(1)
                    .tagSpecifications(tags("web-1", "team", "payments"))).instances().get(0);
            // Addresses given, not drawn: moto draws secondary addresses at random and can draw the primary's.
            String secondEni = ec2.createNetworkInterface(r -> r.subnetId(pub).groups(webSg, albSg).privateIpAddresses(
                    a -> a.primary(true).privateIpAddress("10.10.1.20"), a -> a.primary(false).privateIpAddress("10.10.1.21")))
                    .networkInterface().networkInterfaceId();
            ec2.attachNetworkInterface(r -> r.networkInterfaceId(secondEni).instanceId(web.instanceId()).deviceIndex(1));
            String secondary = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(secondEni)).networkInterfaces()
                    .get(0).privateIpAddresses().stream().filter(p -> !p.primary()).findFirst().orElseThrow()
                    .privateIpAddress();
            var eip = ec2.allocateAddress(r -> r.domain("vpc"));
            ec2.associateAddress(r -> r.allocationId(eip.allocationId()).networkInterfaceId(secondEni)
                    .privateIpAddress(secondary));
            Instance privateInstance = ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1)
                    .instanceType("t3.micro").subnetId(priv).securityGroupIds(webSg)
                    .tagSpecifications(tags("batch-1", "team", "data"))).instances().get(0);

            // ALB: listener 80 forwarding to the web group, a rule forwarding (weighted) to web and api.
            String alb = elbv2.createLoadBalancer(r -> r.name("web-alb").subnets(pub, pub2).securityGroups(albSg)
                    .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).type(LoadBalancerTypeEnum.APPLICATION))
                    .loadBalancers().get(0).loadBalancerArn();
            String webTg = elbv2.createTargetGroup(r -> r.name("web-tg").protocol(ProtocolEnum.HTTP).port(8080)
                    .vpcId(vpcA).targetType("instance")).targetGroups().get(0).targetGroupArn();
            String apiTg = elbv2.createTargetGroup(r -> r.name("api-tg").protocol(ProtocolEnum.HTTP).port(9000)
                    .vpcId(vpcA).targetType("ip")).targetGroups().get(0).targetGroupArn();
            elbv2.registerTargets(r -> r.targetGroupArn(webTg).targets(TargetDescription.builder()
                    .id(web.instanceId()).port(8080).build()));
            elbv2.registerTargets(r -> r.targetGroupArn(apiTg).targets(TargetDescription.builder()
                    .id(privateInstance.privateIpAddress()).port(9000).build()));
            String listener = elbv2.createListener(r -> r.loadBalancerArn(alb).protocol(ProtocolEnum.HTTP).port(80)
                    .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(webTg).build()))
                    .listeners().get(0).listenerArn();
            String rule = elbv2.createRule(r -> r.listenerArn(listener).priority(10)
                    .conditions(RuleCondition.builder().field("path-pattern").values("/api/*").build())
                    .actions(Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                            TargetGroupTuple.builder().targetGroupArn(webTg).weight(1).build(),
                            TargetGroupTuple.builder().targetGroupArn(apiTg).weight(3).build())).build()))
                    .rules().get(0).ruleArn();

            // NLB without security groups, TCP 443 to instance targets, client IP preservation turned off.
            String nlb = elbv2.createLoadBalancer(r -> r.name("web-nlb").subnets(pub, pub2)
                    .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).type(LoadBalancerTypeEnum.NETWORK))
                    .loadBalancers().get(0).loadBalancerArn();
            String nlbTg = elbv2.createTargetGroup(r -> r.name("nlb-tg").protocol(ProtocolEnum.TCP).port(443)
                    .vpcId(vpcA).targetType("instance")).targetGroups().get(0).targetGroupArn();
            elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(nlbTg).attributes(a -> a
                    .key("preserve_client_ip.enabled").value("false")));
            elbv2.registerTargets(r -> r.targetGroupArn(nlbTg).targets(TargetDescription.builder()
                    .id(web.instanceId()).port(443).build()));
            elbv2.createListener(r -> r.loadBalancerArn(nlb).protocol(ProtocolEnum.TCP).port(443)
                    .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(nlbTg).build()));

            // Classic ELB with the web instance behind it.
            elb.createLoadBalancer(r -> r.loadBalancerName("legacy-clb").scheme("internet-facing").subnets(pub)
                    .securityGroups(albSg).listeners(l -> l.protocol("HTTP").loadBalancerPort(80)
                            .instanceProtocol("HTTP").instancePort(8080)));
            elb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName("legacy-clb")
                    .instances(i -> i.instanceId(web.instanceId())));

            // WAF: the common rule set with one SSRF rule overridden to Count, on the ALB.
            var acl = waf.createWebACL(r -> r.name("web-acl").scope(Scope.REGIONAL).defaultAction(d -> d.allow(a -> { }))
                    .visibilityConfig(WafFixture.visibility("web-acl"))
                    .rules(WafFixture.commonRuleSet())).summary();
            waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(alb));

            // Network B (eu-west-1): one VPC, one instance with defaults.
            String vpcB = west.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
            String westSubnet = subnet(west, vpcB, "10.20.1.0/24", "eu-west-1a");
            String westAmi = west.describeImages(r -> { }).images().get(0).imageId();
            String westInstance = west.runInstances(r -> r.imageId(westAmi).minCount(1).maxCount(1)
                    .instanceType("t3.micro").subnetId(westSubnet)
                    .tagSpecifications(tags("west-1", "team", "eu"))).instances().get(0).instanceId();

            return new Ids(vpcA, pub, pub2, priv, igw, eigw, nat, pubRt, privRt, nacl, prefixList, routePrefixList,
                    webSg, albSg,
                    web.instanceId(), web.networkInterfaces().get(0).networkInterfaceId(), secondEni, secondary,
                    eip.allocationId(), eip.publicIp(), privateInstance.instanceId(), alb, nlb, webTg, apiTg, nlbTg,
                    listener, rule, acl.arn(), roleArn, managed, boundary, profileArn, vpcB, westInstance);
        }
    }

    private static String subnet(Ec2Client ec2, String vpc, String cidr, String az) {
        return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(az)).subnet().subnetId();
    }

    private static TagSpecification tags(String name, String key, String value) {
        return TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                .tags(Tag.builder().key("Name").value(name).build(), Tag.builder().key(key).value(value).build()).build();
    }

}
