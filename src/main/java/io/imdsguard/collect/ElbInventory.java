package io.imdsguard.collect;

import io.imdsguard.inventory.ClassicLoadBalancer;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.TargetGroup;

import java.util.List;

/** What {@link ElbCollector} read in one region. */
record ElbInventory(List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups,
                    List<ClassicLoadBalancer> classicLoadBalancers) {
    static final ElbInventory EMPTY = new ElbInventory(List.of(), List.of(), List.of());
}
