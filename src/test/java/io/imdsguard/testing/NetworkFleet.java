package io.imdsguard.testing;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Iterator;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** Seeds VPC networking through the real EC2 client. Every method returns the id it created. */
public final class NetworkFleet {

    private final Ec2Client ec2;

    NetworkFleet(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** A created VPC; {@code ipv6Cidr} is the Amazon-provided /56 or null. */
    public record VpcRef(String id, String cidr, String ipv6Cidr) {}

    /** Creates a VPC, optionally with an Amazon-provided IPv6 block. */
    public VpcRef vpc(String cidr, boolean withIpv6) {
        String id = ec2.createVpc(r -> r.cidrBlock(cidr).amazonProvidedIpv6CidrBlock(withIpv6)).vpc().vpcId();
        String ipv6 = ec2.describeVpcs(r -> r.vpcIds(id)).vpcs().get(0).ipv6CidrBlockAssociationSet().stream()
                .map(a -> a.ipv6CidrBlock()).findFirst().orElse(null);
        return new VpcRef(id, cidr, ipv6);
    }

    /** The {@code index}-th /64 inside a VPC's IPv6 /56, for {@link #subnet}. */
    public static String ipv6Subnet(String vpcIpv6Cidr, int index) {
        IPAddress block = new IPAddressString(vpcIpv6Cidr).getAddress().toPrefixBlock();
        Iterator<? extends IPAddress> subnets = block.setPrefixLength(64, false).prefixBlockIterator();
        for (int i = 0; i < index; i++) {
            subnets.next();
        }
        return subnets.next().toCanonicalString();
    }

    /** Creates a subnet in the region's first AZ; {@code ipv6Cidr} may be null. */
    public String subnet(String vpcId, String cidr, String ipv6Cidr, boolean mapPublicIpOnLaunch) {
        String id = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).ipv6CidrBlock(ipv6Cidr)).subnet().subnetId();
        if (mapPublicIpOnLaunch) {
            ec2.modifySubnetAttribute(r -> r.subnetId(id).mapPublicIpOnLaunch(on()));
        }
        if (ipv6Cidr != null) {
            ec2.modifySubnetAttribute(r -> r.subnetId(id).assignIpv6AddressOnCreation(on()));
        }
        return id;
    }

    /** Creates an internet gateway and attaches it to the VPC. */
    public String internetGateway(String vpcId) {
        String id = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId));
        return id;
    }

    /** Creates an egress-only internet gateway (IPv6 outbound only) for the VPC. */
    public String egressOnlyInternetGateway(String vpcId) {
        return ec2.createEgressOnlyInternetGateway(r -> r.vpcId(vpcId)).egressOnlyInternetGateway()
                .egressOnlyInternetGatewayId();
    }

    /** Creates a public NAT gateway in the subnet with a freshly allocated EIP. */
    public String natGateway(String subnetId) {
        String allocation = allocateEip();
        return ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId(allocation)).natGateway().natGatewayId();
    }

    /** Creates a route table in the VPC and associates it with the given subnets. */
    public String routeTable(String vpcId, String... subnetIds) {
        String id = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        for (String subnet : subnetIds) {
            ec2.associateRouteTable(r -> r.routeTableId(id).subnetId(subnet));
        }
        return id;
    }

    /** The VPC's main route table (which subnets without an explicit association use). */
    public String mainRouteTable(String vpcId) {
        return ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
                .routeTables().get(0).routeTableId();
    }

    /**
     * Adds a route. The destination is an IPv4 CIDR, an IPv6 CIDR or a prefix list id ({@code pl-...});
     * the target kind follows from its id: igw-, nat-, eigw-, eni-, i-, pcx-, vgw-, tgw-.
     */
    public void route(String routeTableId, String destination, String targetId) {
        CreateRouteRequest.Builder route = CreateRouteRequest.builder().routeTableId(routeTableId);
        if (destination.startsWith("pl-")) {
            route.destinationPrefixListId(destination);
        } else if (destination.contains(":")) {
            route.destinationIpv6CidrBlock(destination);
        } else {
            route.destinationCidrBlock(destination);
        }
        String kind = targetId.substring(0, targetId.indexOf('-'));
        switch (kind) {
            case "igw", "vgw" -> route.gatewayId(targetId);
            case "nat" -> route.natGatewayId(targetId);
            case "eigw" -> route.egressOnlyInternetGatewayId(targetId);
            case "eni" -> route.networkInterfaceId(targetId);
            case "i" -> route.instanceId(targetId);
            case "pcx" -> route.vpcPeeringConnectionId(targetId);
            case "tgw" -> route.transitGatewayId(targetId);
            default -> throw new IllegalArgumentException("Unknown route target kind: " + targetId);
        }
        ec2.createRoute(route.build());
    }

    /** Allocates a VPC Elastic IP and returns its allocation id. */
    public String allocateEip() {
        return ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
    }

    /** Associates an EIP with an instance's primary interface; returns the association id. */
    public String associateEip(String allocationId, String instanceId) {
        return ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(instanceId)).associationId();
    }

    /**
     * Associates an EIP with a specific private IP of an interface (e.g. a secondary IP). Moto 5.2.5
     * accepts but ignores {@code privateIp}: DescribeAddresses reports the interface's primary IP.
     */
    public String associateEip(String allocationId, String networkInterfaceId, String privateIp) {
        return ec2.associateAddress(r -> r.allocationId(allocationId).networkInterfaceId(networkInterfaceId)
                .privateIpAddress(privateIp)).associationId();
    }

    /** Creates a custom network ACL (no entries: add them, moto adds no deny-all) and moves the subnets to it. */
    public String networkAcl(String vpcId, String... subnetIds) {
        String id = ec2.createNetworkAcl(r -> r.vpcId(vpcId)).networkAcl().networkAclId();
        for (String subnet : subnetIds) {
            List<NetworkAclAssociation> current = ec2.describeNetworkAcls(
                    r -> r.filters(filter("association.subnet-id", subnet))).networkAcls().stream()
                    .flatMap(acl -> acl.associations().stream())
                    .filter(a -> subnet.equals(a.subnetId())).toList();
            ec2.replaceNetworkAclAssociation(r -> r.associationId(current.get(0).networkAclAssociationId())
                    .networkAclId(id));
        }
        return id;
    }

    /** Adds entries to a network ACL. */
    public void naclEntries(String networkAclId, NaclRule... rules) {
        for (NaclRule rule : rules) {
            ec2.createNetworkAclEntry(r -> {
                r.networkAclId(networkAclId).ruleNumber(rule.ruleNumber()).egress(rule.egress())
                        .ruleAction(rule.allow() ? "allow" : "deny").protocol(rule.protocol());
                if (rule.cidr().contains(":")) {
                    r.ipv6CidrBlock(rule.cidr());
                } else {
                    r.cidrBlock(rule.cidr());
                }
                if (rule.fromPort() != null) {
                    r.portRange(p -> p.from(rule.fromPort()).to(rule.toPort()));
                }
            });
        }
    }

    /** Creates a security group (moto adds the default allow-all egress rule, as AWS does). */
    public String securityGroup(String vpcId, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name + " (fixture)"))
                .groupId();
    }

    /** Adds inbound rules. */
    public void allowIngress(String groupId, SgRule... rules) {
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions(rules)));
    }

    /** Adds outbound rules. */
    public void allowEgress(String groupId, SgRule... rules) {
        ec2.authorizeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(permissions(rules)));
    }

    /** Removes every egress rule (the default allow-all IPv4 and, in IPv6 VPCs, IPv6 ones). */
    public void revokeAllEgress(String groupId) {
        List<IpPermission> egress = ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0)
                .ipPermissionsEgress();
        if (!egress.isEmpty()) {
            ec2.revokeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(egress));
        }
    }

    /** Creates a customer-managed prefix list holding the CIDRs (all IPv4 or all IPv6). */
    public String managedPrefixList(String name, String... cidrs) {
        String family = cidrs.length > 0 && cidrs[0].contains(":") ? "IPv6" : "IPv4";
        return ec2.createManagedPrefixList(r -> r.prefixListName(name).addressFamily(family)
                .maxEntries(Math.max(5, cidrs.length))
                .entries(java.util.Arrays.stream(cidrs).map(c -> software.amazon.awssdk.services.ec2.model
                        .AddPrefixListEntry.builder().cidr(c).build()).toList()))
                .prefixList().prefixListId();
    }

    private static List<IpPermission> permissions(SgRule... rules) {
        return java.util.Arrays.stream(rules).map(rule -> {
            IpPermission.Builder p = IpPermission.builder().ipProtocol(rule.protocol());
            if (!"-1".equals(rule.protocol())) {
                p.fromPort(rule.fromPort()).toPort(rule.toPort());
            }
            if (rule.cidr() != null && rule.cidr().contains(":")) {
                p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(rule.cidr()).build());
            } else if (rule.cidr() != null) {
                p.ipRanges(IpRange.builder().cidrIp(rule.cidr()).build());
            }
            if (rule.groupId() != null) {
                p.userIdGroupPairs(UserIdGroupPair.builder().groupId(rule.groupId()).build());
            }
            if (rule.prefixListId() != null) {
                p.prefixListIds(PrefixListId.builder().prefixListId(rule.prefixListId()).build());
            }
            return p.build();
        }).toList();
    }

    private static AttributeBooleanValue on() {
        return AttributeBooleanValue.builder().value(true).build();
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
