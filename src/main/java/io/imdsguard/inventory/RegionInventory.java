package io.imdsguard.inventory;

import java.util.List;

/** Everything collected in one region of one account. */
public record RegionInventory(String account, String region, ImdsDefaults imdsDefaults,
                              List<Instance> instances, List<Vpc> vpcs, List<Subnet> subnets,
                              List<RouteTable> routeTables, List<NetworkAcl> networkAcls,
                              List<SecurityGroup> securityGroups, List<Gateway> gateways,
                              List<NatGateway> natGateways, List<PrefixList> prefixLists,
                              List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups,
                              List<ClassicLoadBalancer> classicLoadBalancers, List<WebAcl> webAcls) {
    public RegionInventory {
        imdsDefaults = imdsDefaults == null ? ImdsDefaults.NO_PREFERENCE : imdsDefaults;
        instances = Lists.copy(instances);
        vpcs = Lists.copy(vpcs);
        subnets = Lists.copy(subnets);
        routeTables = Lists.copy(routeTables);
        networkAcls = Lists.copy(networkAcls);
        securityGroups = Lists.copy(securityGroups);
        gateways = Lists.copy(gateways);
        natGateways = Lists.copy(natGateways);
        prefixLists = Lists.copy(prefixLists);
        loadBalancers = Lists.copy(loadBalancers);
        targetGroups = Lists.copy(targetGroups);
        classicLoadBalancers = Lists.copy(classicLoadBalancers);
        webAcls = Lists.copy(webAcls);
    }

    /** Number of resources held, for the collection summary. */
    public int resourceCount() {
        return instances.size() + vpcs.size() + subnets.size() + routeTables.size() + networkAcls.size()
                + securityGroups.size() + gateways.size() + natGateways.size() + prefixLists.size()
                + loadBalancers.size() + targetGroups.size() + classicLoadBalancers.size() + webAcls.size();
    }
}
