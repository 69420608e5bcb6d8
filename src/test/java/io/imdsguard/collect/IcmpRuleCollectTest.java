package io.imdsguard.collect;

import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An "allow ping" rule (ICMP type 8, code 0: FromPort 8, ToPort 0 on the wire) is ordinary; it must
 * neither fail the security group listing nor cost the region its EC2 inventory.
 */
class IcmpRuleCollectTest {
    private static final String REGION = "us-east-1";

    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @Test
    void icmpTypeAndCodeAreNotAPortRange() throws Exception {
        String groupId;
        String instanceId;
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), REGION)) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.30.1.0/24")).subnet().subnetId();
            groupId = ec2.createSecurityGroup(r -> r.groupName("ping").description("ping").vpcId(vpc)).groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(
                    IpPermission.builder().ipProtocol("icmp").fromPort(8).toPort(0)
                            .ipRanges(x -> x.cidrIp("0.0.0.0/0")).build(),
                    IpPermission.builder().ipProtocol("icmp").fromPort(3).toPort(4)
                            .ipRanges(x -> x.cidrIp("10.0.0.0/8")).build()));
            String ami = ec2.describeImages(r -> { }).images().get(0).imageId();
            instanceId = ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).instanceType("t3.micro")
                    .subnetId(subnet).securityGroupIds(groupId)).instances().get(0).instanceId();
        }

        Snapshot snapshot = CollectorFixtures.collect(AWS, REGION).snapshot();

        assertThat(snapshot.gaps()).isEmpty();
        RegionInventory region = CollectorFixtures.region(snapshot, REGION);
        assertThat(region.instances()).extracting(Instance::instanceId).contains(instanceId);
        SecurityGroup ping = region.securityGroups().stream().filter(g -> g.groupId().equals(groupId))
                .findFirst().orElseThrow();
        assertThat(ping.ingress()).hasSize(2).allSatisfy(rule -> {
            assertThat(rule.protocol()).isEqualTo("icmp");
            assertThat(rule.ports()).isEqualTo(PortRange.ALL);
        });
    }
}
