package io.imdsguard.collect;

import io.imdsguard.inventory.Gateway;
import io.imdsguard.inventory.NaclEntry;
import io.imdsguard.inventory.NatGateway;
import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.PrefixList;
import io.imdsguard.inventory.Protocols;
import io.imdsguard.inventory.Route;
import io.imdsguard.inventory.RouteTable;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.SecurityGroupRule;
import io.imdsguard.inventory.Subnet;
import io.imdsguard.inventory.Vpc;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Maps EC2's network resources (SDK types) onto inventory records. */
final class NetworkMapping {
    /** Association states that mean the CIDR is in use (AWS also lists disassociated ones). */
    private static final List<String> LIVE_CIDR_STATES = List.of("associated", "associating");

    private NetworkMapping() {
    }

    static Vpc vpc(software.amazon.awssdk.services.ec2.model.Vpc v) {
        List<String> v4 = v.cidrBlockAssociationSet().stream()
                .filter(a -> a.cidrBlockState() == null || live(a.cidrBlockState().stateAsString()))
                .map(a -> a.cidrBlock()).toList();
        if (v4.isEmpty() && v.cidrBlock() != null) {
            v4 = List.of(v.cidrBlock());
        }
        List<String> v6 = v.ipv6CidrBlockAssociationSet().stream()
                .filter(a -> a.ipv6CidrBlockState() == null || live(a.ipv6CidrBlockState().stateAsString()))
                .map(a -> a.ipv6CidrBlock()).toList();
        return new Vpc(v.vpcId(), v4, v6, Boolean.TRUE.equals(v.isDefault()));
    }

    static Subnet subnet(software.amazon.awssdk.services.ec2.model.Subnet s) {
        List<String> v6 = s.ipv6CidrBlockAssociationSet().stream()
                .filter(a -> a.ipv6CidrBlockState() == null || live(a.ipv6CidrBlockState().stateAsString()))
                .map(a -> a.ipv6CidrBlock()).toList();
        return new Subnet(s.subnetId(), s.vpcId(), s.cidrBlock(), v6, s.availabilityZone(),
                Boolean.TRUE.equals(s.mapPublicIpOnLaunch()));
    }

    static RouteTable routeTable(software.amazon.awssdk.services.ec2.model.RouteTable t) {
        boolean main = t.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
        List<String> subnets = t.associations().stream()
                .filter(a -> a.associationState() == null || !"disassociated".equals(a.associationState().stateAsString()))
                .map(a -> a.subnetId()).filter(Objects::nonNull).sorted().toList();
        List<Route> routes = t.routes().stream().map(NetworkMapping::route).toList();
        return new RouteTable(t.routeTableId(), t.vpcId(), main, subnets, routes);
    }

    static Route route(software.amazon.awssdk.services.ec2.model.Route r) {
        String target = Stream.of(r.gatewayId(), r.natGatewayId(), r.egressOnlyInternetGatewayId(),
                        r.networkInterfaceId(), r.vpcPeeringConnectionId(), r.transitGatewayId(), r.instanceId(),
                        r.localGatewayId(), r.carrierGatewayId(), r.coreNetworkArn())
                .filter(Objects::nonNull).findFirst().orElse(null);
        return new Route(r.destinationCidrBlock(), r.destinationIpv6CidrBlock(), r.destinationPrefixListId(),
                target, r.stateAsString());
    }

    static NetworkAcl networkAcl(software.amazon.awssdk.services.ec2.model.NetworkAcl a) {
        List<String> subnets = a.associations().stream().map(x -> x.subnetId())
                .filter(Objects::nonNull).sorted().toList();
        List<NaclEntry> entries = a.entries().stream().map(NetworkMapping::naclEntry).toList();
        return new NetworkAcl(a.networkAclId(), a.vpcId(), Boolean.TRUE.equals(a.isDefault()), subnets, entries);
    }

    static NaclEntry naclEntry(NetworkAclEntry e) {
        PortRange ports = e.portRange() == null ? null : ports(e.protocol(), e.portRange().from(), e.portRange().to());
        return new NaclEntry(e.ruleNumber() == null ? 32767 : e.ruleNumber(), Boolean.TRUE.equals(e.egress()),
                e.protocol(), "allow".equalsIgnoreCase(e.ruleActionAsString()), e.cidrBlock(), e.ipv6CidrBlock(), ports);
    }

    static SecurityGroup securityGroup(software.amazon.awssdk.services.ec2.model.SecurityGroup g) {
        return new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(),
                g.ipPermissions().stream().map(NetworkMapping::rule).toList(),
                g.ipPermissionsEgress().stream().map(NetworkMapping::rule).toList());
    }

    static SecurityGroupRule rule(IpPermission p) {
        return new SecurityGroupRule(p.ipProtocol(), ports(p.ipProtocol(), p.fromPort(), p.toPort()),
                p.ipRanges().stream().map(r -> r.cidrIp()).toList(),
                p.ipv6Ranges().stream().map(r -> r.cidrIpv6()).toList(),
                p.prefixListIds().stream().map(r -> r.prefixListId()).toList(),
                p.userIdGroupPairs().stream().map(r -> r.groupId()).filter(Objects::nonNull).toList());
    }

    static Gateway internetGateway(InternetGateway g) {
        return new Gateway(g.internetGatewayId(), Gateway.INTERNET,
                g.attachments().stream().map(a -> a.vpcId()).filter(Objects::nonNull).sorted().toList());
    }

    static Gateway egressOnlyGateway(EgressOnlyInternetGateway g) {
        return new Gateway(g.egressOnlyInternetGatewayId(), Gateway.EGRESS_ONLY,
                g.attachments().stream().map(a -> a.vpcId()).filter(Objects::nonNull).sorted().toList());
    }

    static NatGateway natGateway(software.amazon.awssdk.services.ec2.model.NatGateway n) {
        return new NatGateway(n.natGatewayId(), n.vpcId(), n.subnetId(), n.stateAsString(), n.connectivityTypeAsString(),
                n.natGatewayAddresses().stream().map(a -> a.publicIp()).filter(Objects::nonNull).toList());
    }

    static PrefixList prefixList(ManagedPrefixList p, List<PrefixListEntry> entries) {
        return new PrefixList(p.prefixListId(), p.prefixListName(), p.addressFamily(),
                entries.stream().map(PrefixListEntry::cidr).filter(Objects::nonNull).sorted().toList());
    }

    /**
     * The port range of a TCP/UDP rule, else null (no ports). For ICMP, AWS puts the type and code
     * in the from/to fields, so "echo request" is from=8, to=0: not a range at all.
     */
    private static PortRange ports(String protocol, Integer from, Integer to) {
        return Protocols.hasPorts(Protocols.canonical(protocol)) ? PortRange.of(from, to) : null;
    }

    private static boolean live(String state) {
        return state == null || LIVE_CIDR_STATES.contains(state);
    }
}
