package io.imdsguard.analyze.network;

import io.imdsguard.analyze.network.LoadBalancerTargets.Forward;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.NetworkInterface;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.WebAcl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Internet reachability of every instance in a region (docs/reachability.md): direct paths to public
 * addresses through an internet gateway, and paths through internet-facing load balancers, each
 * with the admitted source count and the evidence chain. Also lists every ALB/CLB forward with its
 * WAF status for IMDS-006.
 */
public final class ReachabilityAnalyzer {
    /** Beyond this many paths per instance only the widest are kept; the last one says how many were dropped. */
    static final int MAX_PATHS_PER_INSTANCE = 32;

    /**
     * Public address space minus the trusted CIDRs, built once per thread rather than per region: at 2,800
     * small regions the set arithmetic cost a tenth of the analysis. (The sets are immutable; one per thread
     * so that no range list of the address library is read by two threads at once, only its parsed ranges,
     * as {@code AddressSet} already shares those.)
     */
    private final ThreadLocal<PublicSources> publicSources;

    /**
     * @param settings what counts as the internet at large; {@link ExposureSettings#DEFAULT} for
     *                 2^24 IPv4 / 2^96 IPv6 addresses and no trusted CIDRs
     */
    public ReachabilityAnalyzer(ExposureSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.publicSources = ThreadLocal.withInitial(() -> new PublicSources(settings));
    }

    /**
     * Analyses one region; every instance of the inventory appears in the result (stopped ones
     * unreachable). Safe to call concurrently for different regions.
     */
    public NetworkAnalysis analyze(RegionInventory region) {
        // 1. index once: every later lookup is a hash probe, every hop result is cached
        // Every cache belongs to this call (the public sources to this thread), so regions may be analysed concurrently.
        PublicSources publicSources = this.publicSources.get();
        RegionIndex index = new RegionIndex(region);
        InternetRoutes routes = new InternetRoutes(index);
        NaclEvaluator nacls = new NaclEvaluator();
        SecurityGroupSources groups = new SecurityGroupSources(index);
        LoadBalancerTargets targets = new LoadBalancerTargets(index);
        DirectPaths direct = new DirectPaths(index, routes, nacls, groups, publicSources);
        LoadBalancerPaths viaLoadBalancer = new LoadBalancerPaths(index, targets, routes, nacls, groups, publicSources);
        WafCheck waf = new WafCheck(region.webAcls());

        Map<String, InstanceReachability> byInstance = new HashMap<>();
        List<LoadBalancerForward> forwards = new ArrayList<>();
        for (Instance instance : region.instances()) {
            // 2. paths: only a running instance can be reached
            List<ExposurePath> paths = new ArrayList<>();
            if (instance.running()) {
                instance.interfaces().stream().sorted(Comparator.comparingInt(NetworkInterface::deviceIndex))
                        .forEach(eni -> paths.addAll(direct.paths(eni)));
                paths.addAll(viaLoadBalancer.paths(instance.instanceId()));
            }
            byInstance.put(instance.instanceId(), new InstanceReachability(instance.instanceId(), capped(paths)));
            // 3. forwards for IMDS-006, whatever the security groups say
            forwards.addAll(forwards(instance, targets, waf));
        }
        return new NetworkAnalysis(byInstance, forwards);
    }

    /** One forward per (instance, internet-facing ALB or CLB), naming the first listener that reaches it. */
    private static List<LoadBalancerForward> forwards(Instance instance, LoadBalancerTargets targets, WafCheck waf) {
        Map<String, LoadBalancerForward> byLb = new LinkedHashMap<>();
        for (Forward f : targets.forwardsTo(instance.instanceId())) {
            boolean httpBalancer = "application".equals(f.lb().type()) || "classic".equals(f.lb().type());
            if (httpBalancer && f.lb().internetFacing() && !byLb.containsKey(f.lb().arn())) {
                WebAcl acl = waf.webAcl(f.lb().arn()).orElse(null);
                byLb.put(f.lb().arn(), new LoadBalancerForward(instance.instanceId(), f.lb().arn(), f.lb().name(),
                        f.lb().type(), true, f.listenerRef(), acl == null ? null : acl.arn(),
                        acl != null && WafCheck.blocksImdsSsrf(acl)));
            }
        }
        return List.copyOf(byLb.values());
    }

    private static List<ExposurePath> capped(List<ExposurePath> paths) {
        if (paths.size() <= MAX_PATHS_PER_INSTANCE) {
            return paths;
        }
        List<ExposurePath> widest = new ArrayList<>(paths);
        widest.sort(Comparator.comparing(ExposurePath::admittedAddresses).reversed());
        List<ExposurePath> kept = new ArrayList<>(widest.subList(0, MAX_PATHS_PER_INSTANCE));
        ExposurePath last = kept.get(kept.size() - 1);
        List<String> steps = new ArrayList<>(last.steps());
        steps.add("... and " + (paths.size() - MAX_PATHS_PER_INSTANCE) + " further exposure paths not listed");
        kept.set(kept.size() - 1, new ExposurePath(last.kind(), last.interfaceId(), last.protocol(), last.ports(),
                last.addressFamily(), last.admittedAddresses(), steps, last.loadBalancerArn(), last.summary()));
        return kept;
    }
}
