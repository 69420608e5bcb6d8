package io.imdsguard.collect;

import io.imdsguard.inventory.Gateway;
import io.imdsguard.inventory.ImdsDefaults;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.NatGateway;
import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.PrefixList;
import io.imdsguard.inventory.RouteTable;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.Subnet;
import io.imdsguard.inventory.Vpc;

import java.util.List;

/** What {@link Ec2Collector} read in one region; lists are empty where a call failed (and a gap says so). */
record Ec2Inventory(ImdsDefaults imdsDefaults, List<Instance> instances, List<Vpc> vpcs, List<Subnet> subnets,
                    List<RouteTable> routeTables, List<NetworkAcl> networkAcls, List<SecurityGroup> securityGroups,
                    List<Gateway> gateways, List<NatGateway> natGateways, List<PrefixList> prefixLists) {
    static final Ec2Inventory EMPTY = new Ec2Inventory(null, List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of());
}
