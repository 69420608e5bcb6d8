package io.imdsguard.collect;

import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.TargetGroup;

import java.util.List;

/**
 * The ELBv2 part of what {@link ElbCollector} read in one region (classic load balancers are read by a
 * task of their own, so that neither's failure costs the other anything).
 */
record ElbInventory(List<LoadBalancer> loadBalancers, List<TargetGroup> targetGroups) {
    static final ElbInventory EMPTY = new ElbInventory(List.of(), List.of());
}
