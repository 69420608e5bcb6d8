package io.imdsguard.analyze.network;

import java.util.List;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The network analyzer's output for one region: reachability per instance id and every LB forward. */
public record NetworkAnalysis(Map<String, InstanceReachability> byInstance, List<LoadBalancerForward> forwards) {
    public NetworkAnalysis {
        // Not Map.copyOf: its open addressing degrades badly on ids that share long prefixes
        // (i-0..., account/region/i-...), which made copying 100k keys cost seconds; a HashMap spreads them.
        byInstance = Collections.unmodifiableMap(new HashMap<>(byInstance));
        forwards = List.copyOf(forwards);
    }

    public InstanceReachability of(String instanceId) {
        return byInstance.getOrDefault(instanceId, new InstanceReachability(instanceId, List.of()));
    }
}
