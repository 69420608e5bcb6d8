package io.imdsguard.analyze.network;

import java.util.List;
import java.util.Map;

/** The network analyzer's output for one region: reachability per instance id and every LB forward. */
public record NetworkAnalysis(Map<String, InstanceReachability> byInstance, List<LoadBalancerForward> forwards) {
    public NetworkAnalysis {
        byInstance = Map.copyOf(byInstance);
        forwards = List.copyOf(forwards);
    }

    public InstanceReachability of(String instanceId) {
        return byInstance.getOrDefault(instanceId, new InstanceReachability(instanceId, List.of()));
    }
}
