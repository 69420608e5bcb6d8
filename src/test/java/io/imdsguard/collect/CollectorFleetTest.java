package io.imdsguard.collect;

import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Gateway;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.ManagedPolicy;
import io.imdsguard.inventory.NaclEntry;
import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.NetworkInterface;
import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.PrivateIp;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Role;
import io.imdsguard.inventory.Route;
import io.imdsguard.inventory.RouteTable;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.SecurityGroupRule;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.inventory.TargetGroup;
import io.imdsguard.inventory.WebAcl;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.imdsguard.collect.CollectFleet.EAST;
import static io.imdsguard.collect.CollectFleet.WEST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds a two-region fleet in the emulator, collects it once and checks the snapshot fact by fact,
 * then checks from the emulator's journal that collection only read, and read everything it should.
 */
class CollectorFleetTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    /** Every operation the collectors make; each must appear in one run over this fleet. */
    static final Set<String> EXPECTED_OPERATIONS = Set.of(
            "sts:GetCallerIdentity", "ec2:DescribeRegions", "ec2:GetInstanceMetadataDefaults", "ec2:DescribeAddresses",
            "ec2:DescribeInstances", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeRouteTables",
            "ec2:DescribeNetworkAcls", "ec2:DescribeSecurityGroups", "ec2:DescribeInternetGateways",
            "ec2:DescribeEgressOnlyInternetGateways", "ec2:DescribeNatGateways", "ec2:DescribeManagedPrefixLists",
            "ec2:GetManagedPrefixListEntries",
            "elasticloadbalancingv2:DescribeLoadBalancers", "elasticloadbalancingv2:DescribeListeners",
            "elasticloadbalancingv2:DescribeRules", "elasticloadbalancingv2:DescribeTargetGroups",
            "elasticloadbalancingv2:DescribeTargetHealth", "elasticloadbalancingv2:DescribeTargetGroupAttributes",
            "elasticloadbalancing:DescribeLoadBalancers",
            "wafv2:ListWebACLs", "wafv2:GetWebACL", "wafv2:ListResourcesForWebACL",
            "iam:GetAccountAuthorizationDetails", "s3:ListBuckets", "s3:GetBucketLocation",
            "s3:GetBucketPolicy");

    static CollectFleet.Ids ids;
    static CollectionResult result;
    static Snapshot snapshot;
    static RegionInventory east;
    static RegionInventory west;
    static List<AwsCall> calls;
    static final AtomicInteger progressTotal = new AtomicInteger();
    static final List<String> progressDone = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void collectFleet() throws Exception {
        ids = CollectFleet.seed(AWS);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), EAST)) {
            ec2.modifyInstanceMetadataDefaults(r -> r.httpTokens("required").httpPutResponseHopLimit(2));
        }
        AWS.clearRecorded();
        result = CollectorFixtures.collect(AWS, new CollectProgress() {
            @Override
            public void started(int tasks) {
                progressTotal.set(tasks);
            }

            @Override
            public void finished(String task) {
                progressDone.add(task);
            }
        }, WEST, EAST);
        calls = AWS.recordedCalls();
        snapshot = result.snapshot();
        east = CollectorFixtures.region(snapshot, EAST);
        west = CollectorFixtures.region(snapshot, WEST);
    }

    @Test
    void snapshotHeaderAndOrdering() throws Exception {
        assertThat(snapshot.schemaVersion()).isEqualTo(1);
        assertThat(snapshot.accounts()).containsExactly(AwsEmulator.ACCOUNT_ID);
        assertThat(snapshot.regions()).containsExactly(WEST, EAST);
        assertThat(snapshot.regionInventories()).extracting(RegionInventory::region).containsExactly(WEST, EAST);
        assertThat(snapshot.gaps()).isEmpty();
        assertThat(east.instances()).extracting(Instance::instanceId).isSorted();
        assertThat(east.securityGroups()).extracting(SecurityGroup::groupId).isSorted();
        assertThat(result.apiCallCount()).isGreaterThanOrEqualTo(EXPECTED_OPERATIONS.size());
        assertThat(result.apiCalls()).containsEntry("Ec2:DescribeInstances", 2L);
        // It survives its own serialisation.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotIO.write(snapshot, out);
        assertThat(SnapshotIO.read(new ByteArrayInputStream(out.toByteArray()), "mem")).isEqualTo(snapshot);
    }

    @Test
    void progressReportsEveryTask() {
        // Per region: EC2, ELBv2, classic ELB and WAF; then IAM and S3 once.
        assertThat(progressTotal.get()).isEqualTo(2 * 4 + 2);
        assertThat(progressDone).hasSize(10).contains("ec2 us-east-1", "elbv2 eu-west-1", "elb eu-west-1",
                "wafv2 us-east-1", "iam", "s3");
    }

    @Test
    void regionImdsDefaults() {
        assertThat(east.imdsDefaults().httpTokens()).isEqualTo("required");
        assertThat(east.imdsDefaults().httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(west.imdsDefaults().tokensRequired()).isFalse();
        assertThat(west.imdsDefaults().httpTokens()).isNull();
    }

    @Test
    void everyInstanceInBothRegions() {
        assertThat(east.instances()).extracting(Instance::instanceId)
                .containsExactlyInAnyOrder(ids.webInstance(), ids.privateInstance());
        assertThat(west.instances()).extracting(Instance::instanceId).containsExactly(ids.westInstance());
        Instance w = west.instances().get(0);
        assertThat(w.region()).isEqualTo(WEST);
        assertThat(w.name()).isEqualTo("west-1");
        assertThat(w.vpcId()).isEqualTo(ids.vpcB());
    }

    @Test
    void webInstanceFieldByField() {
        Instance web = instance(ids.webInstance());
        assertThat(web.account()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        assertThat(web.region()).isEqualTo(EAST);
        assertThat(web.state()).isEqualTo("running");
        assertThat(web.name()).isEqualTo("web-1");
        assertThat(web.tags()).isEqualTo(Map.of("Name", "web-1", "team", "payments"));
        assertThat(web.vpcId()).isEqualTo(ids.vpcA());
        assertThat(web.subnetId()).isEqualTo(ids.publicSubnet());
        assertThat(web.iamInstanceProfileArn()).isEqualTo(ids.profileArn());
        assertThat(web.metadataOptions().httpTokens()).isEqualTo("required");
        assertThat(web.metadataOptions().httpEndpoint()).isEqualTo("enabled");
        assertThat(web.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(web.metadataOptions().imdsV1Usable()).isFalse();

        assertThat(web.interfaces()).extracting(NetworkInterface::interfaceId).containsExactly(ids.webEni(), ids.secondEni());
        NetworkInterface primary = web.interfaces().get(0);
        assertThat(primary.deviceIndex()).isZero();
        assertThat(primary.subnetId()).isEqualTo(ids.publicSubnet());
        assertThat(primary.securityGroupIds()).containsExactly(ids.webSg());
        assertThat(primary.privateIps()).hasSize(1);
        assertThat(primary.privateIps().get(0).primary()).isTrue();
        // The public subnet auto-assigns a public IPv4 (not an Elastic IP, so no allocation id).
        assertThat(primary.privateIps().get(0).publicIp()).isNotBlank();
        assertThat(primary.privateIps().get(0).allocationId()).isNull();
        assertThat(primary.ipv6Addresses()).hasSize(1).allMatch(a -> a.contains(":"));

        NetworkInterface second = web.interfaces().get(1);
        assertThat(second.deviceIndex()).isEqualTo(1);
        assertThat(second.securityGroupIds()).containsExactlyInAnyOrder(ids.webSg(), ids.albSg());
        assertThat(second.privateIps()).hasSize(2);
        assertThat(second.privateIps()).extracting(PrivateIp::privateIp).contains(ids.secondEniSecondaryIp());
        assertThat(second.privateIps()).filteredOn(PrivateIp::primary).hasSize(1);
        assertThat(second.ipv6Addresses()).isEmpty();
    }

    @Test
    void elasticIpOnTheSecondInterfaceCarriesItsAllocation() {
        NetworkInterface second = instance(ids.webInstance()).interfaces().get(1);
        // moto 5.2.5 ignores AssociateAddress's PrivateIpAddress and binds the EIP to the interface's
        // primary address; whichever address DescribeAddresses names must carry it, and only that one.
        String boundTo;
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), EAST)) {
            boundTo = ec2.describeAddresses(r -> r.allocationIds(ids.eipAllocation())).addresses().get(0).privateIpAddress();
        }
        assertThat(second.privateIps()).filteredOn(PrivateIp::hasPublicIp).singleElement().satisfies(ip -> {
            assertThat(ip.privateIp()).isEqualTo(boundTo);
            assertThat(ip.publicIp()).isEqualTo(ids.eipPublicIp());
            assertThat(ip.allocationId()).isEqualTo(ids.eipAllocation());
        });
        assertThat(instance(ids.webInstance()).interfaces().get(0).publicIps()).doesNotContain(ids.eipPublicIp());
    }

    @Test
    void privateInstanceHasAwsDefaults() {
        Instance batch = instance(ids.privateInstance());
        assertThat(batch.name()).isEqualTo("batch-1");
        assertThat(batch.iamInstanceProfileArn()).isNull();
        assertThat(batch.metadataOptions().httpTokens()).isEqualTo("optional");
        assertThat(batch.metadataOptions().httpPutResponseHopLimit()).isEqualTo(1);
        assertThat(batch.metadataOptions().imdsV1Usable()).isTrue();
        assertThat(batch.interfaces()).singleElement().satisfies(n -> assertThat(n.hasPublicIpv4()).isFalse());
    }

    @Test
    void vpcsSubnetsAndGateways() {
        assertThat(east.vpcs()).filteredOn(v -> v.vpcId().equals(ids.vpcA())).singleElement().satisfies(v -> {
            assertThat(v.cidrBlocks()).containsExactly("10.10.0.0/16");
            assertThat(v.ipv6CidrBlocks()).hasSize(1);
            assertThat(v.isDefault()).isFalse();
        });
        assertThat(east.vpcs()).filteredOn(v -> v.isDefault()).hasSize(1);
        assertThat(east.subnets()).filteredOn(s -> s.subnetId().equals(ids.publicSubnet())).singleElement()
                .satisfies(s -> {
                    assertThat(s.vpcId()).isEqualTo(ids.vpcA());
                    assertThat(s.cidrBlock()).isEqualTo("10.10.1.0/24");
                    assertThat(s.availabilityZone()).isEqualTo("us-east-1a");
                    assertThat(s.mapPublicIpOnLaunch()).isTrue();
                });
        assertThat(east.subnets()).filteredOn(s -> s.subnetId().equals(ids.privateSubnet())).singleElement()
                .satisfies(s -> assertThat(s.mapPublicIpOnLaunch()).isFalse());
        assertThat(east.gateways()).filteredOn(g -> g.gatewayId().equals(ids.igw())).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo(Gateway.INTERNET);
            assertThat(g.attachedVpcIds()).containsExactly(ids.vpcA());
        });
        assertThat(east.gateways()).filteredOn(g -> g.gatewayId().equals(ids.eigw())).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo(Gateway.EGRESS_ONLY);
            assertThat(g.attachedVpcIds()).containsExactly(ids.vpcA());
        });
        assertThat(east.natGateways()).singleElement().satisfies(n -> {
            assertThat(n.natGatewayId()).isEqualTo(ids.natGateway());
            assertThat(n.subnetId()).isEqualTo(ids.publicSubnet());
            assertThat(n.vpcId()).isEqualTo(ids.vpcA());
            assertThat(n.connectivityType()).isEqualTo("public");
            assertThat(n.publicIps()).hasSize(1);
        });
        assertThat(west.vpcs()).extracting(v -> v.vpcId()).contains(ids.vpcB());
    }

    @Test
    void routeTablesWithTargetsAssociationsAndMainFlag() {
        RouteTable pub = routeTable(ids.publicRouteTable());
        assertThat(pub.main()).isFalse();
        assertThat(pub.subnetIds()).containsExactlyInAnyOrder(ids.publicSubnet(), ids.publicSubnet2());
        assertThat(pub.routes()).contains(
                new Route("10.10.0.0/16", null, null, "local", "active"),
                new Route("0.0.0.0/0", null, null, ids.igw(), "active"),
                new Route(null, "::/0", null, ids.eigw(), "active"),
                new Route(null, null, ids.routePrefixList(), ids.igw(), "active"));
        RouteTable priv = routeTable(ids.privateRouteTable());
        assertThat(priv.subnetIds()).containsExactly(ids.privateSubnet());
        assertThat(priv.routes()).contains(new Route("0.0.0.0/0", null, null, ids.natGateway(), "active"));
        assertThat(east.routeTables()).filteredOn(t -> t.vpcId().equals(ids.vpcA()) && t.main()).singleElement()
                .satisfies(t -> assertThat(t.subnetIds()).isEmpty());
    }

    @Test
    void customNetworkAclEntriesInOrderWithCanonicalProtocols() {
        NetworkAcl acl = east.networkAcls().stream().filter(a -> a.networkAclId().equals(ids.customNacl()))
                .findFirst().orElseThrow();
        assertThat(acl.isDefault()).isFalse();
        assertThat(acl.vpcId()).isEqualTo(ids.vpcA());
        assertThat(acl.subnetIds()).containsExactly(ids.publicSubnet());
        assertThat(acl.ingress()).contains(
                new NaclEntry(90, false, "-1", false, "10.0.0.0/8", null, PortRange.ALL),
                new NaclEntry(100, false, "tcp", true, "0.0.0.0/0", null, new PortRange(443, 443)),
                new NaclEntry(110, false, "tcp", true, null, "::/0", new PortRange(22, 22)));
        assertThat(acl.ingress()).extracting(NaclEntry::ruleNumber).isSorted();
        assertThat(acl.egress()).contains(new NaclEntry(100, true, "tcp", true, "0.0.0.0/0", null, PortRange.EPHEMERAL));
        // The public subnet moved away from the default ACL.
        assertThat(east.networkAcls()).filteredOn(a -> a.vpcId().equals(ids.vpcA()) && a.isDefault()).singleElement()
                .satisfies(a -> assertThat(a.subnetIds()).doesNotContain(ids.publicSubnet()).contains(ids.privateSubnet()));
    }

    @Test
    void securityGroupsWithCidrsGroupReferencesAndPrefixLists() {
        SecurityGroup web = group(ids.webSg());
        assertThat(web.groupName()).isEqualTo("web");
        assertThat(web.vpcId()).isEqualTo(ids.vpcA());
        assertThat(web.ingress()).containsExactlyInAnyOrder(
                new SecurityGroupRule("tcp", new PortRange(8080, 8080), List.of(), List.of(), List.of(), List.of(ids.albSg())),
                new SecurityGroupRule("tcp", new PortRange(443, 443), List.of("0.0.0.0/0"), List.of(), List.of(), List.of()),
                new SecurityGroupRule("tcp", new PortRange(22, 22), List.of(), List.of(), List.of(ids.prefixList()), List.of()),
                new SecurityGroupRule("icmp", PortRange.ALL, List.of("192.0.2.0/24"), List.of(), List.of(), List.of()));
        // A group in a dual-stack VPC gets the default allow-all egress for both families.
        assertThat(web.egress()).containsExactly(
                new SecurityGroupRule("-1", PortRange.ALL, List.of("0.0.0.0/0"), List.of("::/0"), List.of(), List.of()));
        assertThat(group(ids.albSg()).ingress()).containsExactly(
                new SecurityGroupRule("tcp", new PortRange(80, 80), List.of("0.0.0.0/0"), List.of("::/0"), List.of(), List.of()));
        assertThat(east.prefixLists()).hasSize(2);
        assertThat(east.prefixLists()).filteredOn(p -> p.prefixListId().equals(ids.prefixList())).singleElement()
                .satisfies(p -> {
                    assertThat(p.name()).isEqualTo("office");
                    assertThat(p.addressFamily()).isEqualTo("IPv4");
                    assertThat(p.cidrs()).containsExactly("198.51.100.0/24", "203.0.113.0/24");
                });
        assertThat(east.prefixLists()).filteredOn(p -> p.prefixListId().equals(ids.routePrefixList())).singleElement()
                .satisfies(p -> assertThat(p.cidrs()).containsExactly("192.0.2.0/24"));
    }

    @Test
    void loadBalancersListenersAndRules() {
        LoadBalancer alb = loadBalancer(ids.albArn());
        assertThat(alb.name()).isEqualTo("web-alb");
        assertThat(alb.isApplication()).isTrue();
        assertThat(alb.internetFacing()).isTrue();
        assertThat(alb.active()).isTrue();
        assertThat(alb.vpcId()).isEqualTo(ids.vpcA());
        assertThat(alb.subnetIds()).containsExactlyInAnyOrder(ids.publicSubnet(), ids.publicSubnet2());
        assertThat(alb.securityGroupIds()).containsExactly(ids.albSg());
        assertThat(alb.dnsName()).isNotBlank();
        assertThat(alb.listeners()).singleElement().satisfies(l -> {
            assertThat(l.arn()).isEqualTo(ids.listenerArn());
            assertThat(l.protocol()).isEqualTo("HTTP");
            assertThat(l.port()).isEqualTo(80);
            assertThat(l.defaultTargetGroupArns()).containsExactly(ids.webTg());
            assertThat(l.rules()).singleElement().satisfies(r -> {
                assertThat(r.arn()).isEqualTo(ids.ruleArn());
                assertThat(r.priority()).isEqualTo("10");
                assertThat(r.targetGroupArns()).containsExactlyInAnyOrder(ids.webTg(), ids.apiTg());
            });
        });
        LoadBalancer nlb = loadBalancer(ids.nlbArn());
        assertThat(nlb.isNetwork()).isTrue();
        assertThat(nlb.securityGroupIds()).isEmpty();
        assertThat(nlb.listeners()).singleElement().satisfies(l -> {
            assertThat(l.protocol()).isEqualTo("TCP");
            assertThat(l.port()).isEqualTo(443);
            assertThat(l.defaultTargetGroupArns()).containsExactly(ids.nlbTg());
            assertThat(l.rules()).isEmpty();
        });
    }

    @Test
    void targetGroupsTargetsAndClientIpPreservation() {
        TargetGroup web = targetGroup(ids.webTg());
        assertThat(web.name()).isEqualTo("web-tg");
        assertThat(web.protocol()).isEqualTo("HTTP");
        assertThat(web.port()).isEqualTo(8080);
        assertThat(web.targetType()).isEqualTo("instance");
        assertThat(web.vpcId()).isEqualTo(ids.vpcA());
        assertThat(web.loadBalancerArns()).containsExactly(ids.albArn());
        assertThat(web.preserveClientIp()).isNull();
        assertThat(web.targets()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(ids.webInstance());
            assertThat(t.port()).isEqualTo(8080);
            assertThat(t.healthState()).isNotBlank();
        });
        TargetGroup api = targetGroup(ids.apiTg());
        assertThat(api.targetType()).isEqualTo("ip");
        assertThat(api.targets()).extracting(t -> t.id()).containsExactly(instance(ids.privateInstance()).privateIps().get(0));
        TargetGroup nlb = targetGroup(ids.nlbTg());
        assertThat(nlb.protocol()).isEqualTo("TCP");
        assertThat(nlb.preserveClientIp()).isFalse();
        assertThat(nlb.preservesClientIp()).isFalse();
        assertThat(nlb.loadBalancerArns()).containsExactly(ids.nlbArn());
    }

    @Test
    void classicLoadBalancer() {
        assertThat(east.classicLoadBalancers()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("legacy-clb");
            assertThat(c.internetFacing()).isTrue();
            assertThat(c.vpcId()).isEqualTo(ids.vpcA());
            assertThat(c.subnetIds()).containsExactly(ids.publicSubnet());
            assertThat(c.securityGroupIds()).containsExactly(ids.albSg());
            assertThat(c.instanceIds()).containsExactly(ids.webInstance());
            assertThat(c.listeners()).singleElement().satisfies(l -> {
                assertThat(l.protocol()).isEqualToIgnoringCase("HTTP");
                assertThat(l.loadBalancerPort()).isEqualTo(80);
                assertThat(l.instancePort()).isEqualTo(8080);
            });
        });
        assertThat(west.classicLoadBalancers()).isEmpty();
    }

    @Test
    void webAclWithManagedRuleGroupOverrides() {
        assertThat(east.webAcls()).singleElement().satisfies(acl -> {
            assertThat(acl.arn()).isEqualTo(ids.webAclArn());
            assertThat(acl.name()).isEqualTo("web-acl");
            assertThat(acl.resourceArns()).containsExactly(ids.albArn());
            assertThat(acl.managedRuleGroups()).containsExactly(new WebAcl.ManagedRuleGroup("AWS",
                    "AWSManagedRulesCommonRuleSet", false, List.of("EC2MetaDataSSRF_BODY", "SizeRestrictions_BODY")));
        });
        assertThat(west.webAcls()).isEmpty();
    }

    @Test
    void iamRolesPoliciesAndInstanceProfiles() {
        AccountInventory account = snapshot.accountInventories().get(0);
        assertThat(account.account()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        Role role = account.role(ids.roleArn()).orElseThrow();
        assertThat(role.name()).isEqualTo("web-role");
        assertThat(role.roleId()).isNotBlank();
        assertThat(role.permissionsBoundaryArn()).isEqualTo(ids.boundaryArn());
        assertThat(role.attachedPolicyArns()).containsExactly(ids.managedPolicyArn());
        // URL-decoded, with a literal '+' kept as '+'.
        assertThat(role.inlinePolicies()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("read-data");
            assertThat(p.document()).isEqualTo(CollectFleet.INLINE_DOC);
        });
        ManagedPolicy reader = account.managedPolicy(ids.managedPolicyArn()).orElseThrow();
        assertThat(reader.name()).isEqualTo("reader");
        assertThat(reader.defaultVersionId()).isEqualTo("v2");
        assertThat(reader.versions()).containsExactly(
                new ManagedPolicy.Version("v1", false, CollectFleet.V1_DOC),
                new ManagedPolicy.Version("v2", true, CollectFleet.V2_DOC),
                new ManagedPolicy.Version("v3", false, CollectFleet.V3_DOC));
        assertThat(reader.defaultPolicy()).hasValueSatisfying(p -> assertThat(p.document()).isEqualTo(CollectFleet.V2_DOC));
        assertThat(account.managedPolicy(ids.boundaryArn())).hasValueSatisfying(
                p -> assertThat(p.defaultPolicy().orElseThrow().document()).isEqualTo(CollectFleet.BOUNDARY_DOC));
        assertThat(account.instanceProfiles()).singleElement().satisfies(p -> {
            assertThat(p.arn()).isEqualTo(ids.profileArn());
            assertThat(p.name()).isEqualTo("web-profile");
            assertThat(p.roleArns()).containsExactly(ids.roleArn());
        });
    }

    @Test
    void bucketsInTwoRegions() {
        assertThat(snapshot.accountInventories().get(0).buckets()).containsExactly(
                new io.imdsguard.inventory.Bucket("fleet-east-bucket", EAST),
                new io.imdsguard.inventory.Bucket("fleet-west-bucket", WEST).withPolicy(CollectFleet.BUCKET_POLICY));
    }

    @Test
    void collectionOnlyReads() {
        assertThat(calls).isNotEmpty();
        assertThat(calls).filteredOn(c -> !(c.operation().startsWith("Describe") || c.operation().startsWith("Get")
                || c.operation().startsWith("List"))).isEmpty();
        assertThat(calls).noneMatch(AwsCall::isMutating);
    }

    @Test
    void everyCollectorOperationWasExercisedAndNoOther() {
        Set<String> seen = calls.stream().map(c -> c.service() + ":" + c.operation()).collect(Collectors.toSet());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(EXPECTED_OPERATIONS);
    }

    @Test
    void noCallPerInstanceAndRegionalCallsStayInTheirRegions() {
        assertThat(calls).filteredOn(c -> c.operation().equals("DescribeInstances")).extracting(AwsCall::region)
                .containsExactlyInAnyOrder(EAST, WEST);
        assertThat(calls).filteredOn(c -> c.service().equals("ec2") || c.service().startsWith("elasticloadbalancing")
                || c.service().equals("wafv2")).extracting(AwsCall::region).allMatch(r -> r.equals(EAST) || r.equals(WEST));
    }

    private static Instance instance(String id) {
        return east.instances().stream().filter(i -> i.instanceId().equals(id)).findFirst().orElseThrow();
    }

    private static RouteTable routeTable(String id) {
        return east.routeTables().stream().filter(t -> t.routeTableId().equals(id)).findFirst().orElseThrow();
    }

    private static SecurityGroup group(String id) {
        return east.securityGroups().stream().filter(g -> g.groupId().equals(id)).findFirst().orElseThrow();
    }

    private static LoadBalancer loadBalancer(String arn) {
        return east.loadBalancers().stream().filter(l -> l.arn().equals(arn)).findFirst().orElseThrow();
    }

    private static TargetGroup targetGroup(String arn) {
        return east.targetGroups().stream().filter(t -> t.arn().equals(arn)).findFirst().orElseThrow();
    }
}
