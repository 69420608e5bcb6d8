package io.imdsguard.collect;

import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.TargetGroup;

import java.util.Set;

/**
 * The most API calls a collection may make, derived from what the Collector calls (docs/performance.md,
 * "Collection") and counted from what it found, so the formula holds for any fleet:
 * <pre>
 * per account:  2 (GetCallerIdentity, DescribeRegions) + IAM pages + 1 ListBuckets + 1 GetBucketLocation per bucket
 * per region:   EC2  1 GetInstanceMetadataDefaults + ceil(instances / 1000) DescribeInstances pages
 *                    + 8 other bulk Describe* (one page each at these sizes) + 1 DescribeAddresses
 *                    + (1 DescribeManagedPrefixLists + 1 per prefix list, when security groups reference any)
 *               ELBv2 1 DescribeLoadBalancers + 1 DescribeTargetGroups + 1 DescribeListeners per LB
 *                    + 1 DescribeRules per listener + 1 DescribeTargetHealth per target group
 *                    + 1 DescribeTargetGroupAttributes per NLB (TCP/UDP/TLS/TCP_UDP) target group only
 *               ELB  1 DescribeLoadBalancers;  WAFv2 ceil(web ACLs / 100) pages (at least 1) + 2 per web ACL
 * </pre>
 * Nothing is per instance: instances only count through DescribeInstances' pages.
 */
final class CallBudget {
    static final int INSTANCE_PAGE = 1000;
    private static final Set<String> NLB_PROTOCOLS = Set.of("TCP", "UDP", "TLS", "TCP_UDP");

    private CallBudget() {
    }

    static long of(Snapshot snapshot, int iamPages) {
        long total = 0;
        for (AccountInventory account : snapshot.accountInventories()) {
            total += 2 + iamPages + 1 + account.buckets().size();
        }
        for (RegionInventory region : snapshot.regionInventories()) {
            total += region(region);
        }
        return total;
    }

    static long region(RegionInventory r) {
        long ec2 = 1 + instancePages(r.instances().size()) + 8 + 1
                + (r.prefixLists().isEmpty() ? 0 : 1 + r.prefixLists().size());
        long listeners = r.loadBalancers().stream().mapToLong(lb -> lb.listeners().size()).sum();
        long nlbGroups = r.targetGroups().stream().map(TargetGroup::protocol)
                .filter(p -> p != null && NLB_PROTOCOLS.contains(p)).count();
        long elbv2 = 2 + r.loadBalancers().size() + listeners + r.targetGroups().size() + nlbGroups;
        long waf = Math.max(1, (r.webAcls().size() + 99) / 100) + 2L * r.webAcls().size();
        return ec2 + elbv2 + 1 + waf;
    }

    static long instancePages(int instances) {
        return Math.max(1, (instances + INSTANCE_PAGE - 1) / INSTANCE_PAGE);
    }

    static long loadBalancersOfType(RegionInventory r, String type) {
        return r.loadBalancers().stream().map(LoadBalancer::type).filter(type::equals).count();
    }
}
