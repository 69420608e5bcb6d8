package io.imdsguard.inventory;

import java.util.List;

/** A classic ELB: its listeners and the instances registered behind it. */
public record ClassicLoadBalancer(String name, String scheme, String vpcId, List<String> subnetIds,
                                  List<String> securityGroupIds, List<ClassicListener> listeners,
                                  List<String> instanceIds) {
    public ClassicLoadBalancer {
        subnetIds = Lists.copy(subnetIds);
        securityGroupIds = Lists.copy(securityGroupIds);
        listeners = Lists.copy(listeners);
        instanceIds = Lists.copy(instanceIds);
    }

    public boolean internetFacing() {
        return "internet-facing".equalsIgnoreCase(scheme);
    }

    public record ClassicListener(String protocol, int loadBalancerPort, String instanceProtocol, int instancePort) {
    }
}
