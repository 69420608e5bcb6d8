package io.imdsguard.analyze.network;

import io.imdsguard.inventory.Gateway;
import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.PrefixList;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.RouteTable;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.Subnet;
import io.imdsguard.inventory.TargetGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One region's inventory, indexed once so that each lookup is a hash probe: a fleet of 100k
 * instances must never be analysed by scanning lists per instance.
 */
final class RegionIndex {
    private final RegionInventory region;
    private final Map<String, Subnet> subnets = new HashMap<>();
    private final Map<String, RouteTable> routeTableBySubnet = new HashMap<>();
    private final Map<String, RouteTable> mainRouteTableByVpc = new HashMap<>();
    private final Map<String, NetworkAcl> naclBySubnet = new HashMap<>();
    private final Map<String, NetworkAcl> defaultNaclByVpc = new HashMap<>();
    private final Map<String, SecurityGroup> securityGroups = new HashMap<>();
    private final Map<String, Gateway> gateways = new HashMap<>();
    private final Map<String, PrefixList> prefixLists = new HashMap<>();
    private final Map<String, TargetGroup> targetGroups = new HashMap<>();

    RegionIndex(RegionInventory region) {
        this.region = region;
        region.subnets().forEach(s -> subnets.put(s.subnetId(), s));
        for (RouteTable table : region.routeTables()) {
            table.subnetIds().forEach(id -> routeTableBySubnet.put(id, table));
            if (table.main()) {
                mainRouteTableByVpc.put(table.vpcId(), table);
            }
        }
        for (NetworkAcl acl : region.networkAcls()) {
            acl.subnetIds().forEach(id -> naclBySubnet.put(id, acl));
            if (acl.isDefault()) {
                defaultNaclByVpc.put(acl.vpcId(), acl);
            }
        }
        region.securityGroups().forEach(g -> securityGroups.put(g.groupId(), g));
        region.gateways().forEach(g -> gateways.put(g.gatewayId(), g));
        region.prefixLists().forEach(p -> prefixLists.put(p.prefixListId(), p));
        region.targetGroups().forEach(t -> targetGroups.put(t.arn(), t));
    }

    RegionInventory region() {
        return region;
    }

    Optional<Subnet> subnet(String subnetId) {
        return Optional.ofNullable(subnetId == null ? null : subnets.get(subnetId));
    }

    /** The VPC of a subnet, falling back to the one the caller knows when the subnet was not collected. */
    String vpcOf(String subnetId, String fallbackVpcId) {
        return subnet(subnetId).map(Subnet::vpcId).orElse(fallbackVpcId);
    }

    /** The subnet's explicitly associated route table, else the main route table of its own VPC. */
    Optional<RouteTable> routeTable(String subnetId, String vpcId) {
        RouteTable explicit = routeTableBySubnet.get(subnetId);
        return Optional.ofNullable(explicit != null ? explicit : mainRouteTableByVpc.get(vpcId));
    }

    /** The subnet's associated network ACL, else its VPC's default ACL. */
    Optional<NetworkAcl> networkAcl(String subnetId, String vpcId) {
        NetworkAcl explicit = naclBySubnet.get(subnetId);
        return Optional.ofNullable(explicit != null ? explicit : defaultNaclByVpc.get(vpcId));
    }

    /** The security groups with these ids that were collected, in the given order. */
    List<SecurityGroup> securityGroups(List<String> groupIds) {
        List<SecurityGroup> found = new ArrayList<>(groupIds.size());
        for (String id : groupIds) {
            SecurityGroup group = securityGroups.get(id);
            if (group != null) {
                found.add(group);
            }
        }
        return found;
    }

    Optional<Gateway> gateway(String gatewayId) {
        return Optional.ofNullable(gatewayId == null ? null : gateways.get(gatewayId));
    }

    /** The CIDRs of a managed prefix list; empty when it was not collected. */
    List<String> prefixListCidrs(String prefixListId) {
        PrefixList list = prefixLists.get(prefixListId);
        return list == null ? List.of() : list.cidrs();
    }

    Optional<TargetGroup> targetGroup(String arn) {
        return Optional.ofNullable(arn == null ? null : targetGroups.get(arn));
    }
}
