package io.imdsguard.analyze.network;

import java.util.List;

/** Every internet exposure path found for one instance; empty when it is not internet-reachable. */
public record InstanceReachability(String instanceId, List<ExposurePath> paths) {
    public InstanceReachability {
        paths = List.copyOf(paths);
    }

    public boolean reachable() {
        return !paths.isEmpty();
    }
}
