package io.imdsguard.inventory;

import java.util.List;

/**
 * An ELBv2 load balancer ({@code type} {@code application}, {@code network} or {@code gateway})
 * with its listeners. {@code scheme} is {@code internet-facing} or {@code internal}; an NLB with no
 * security groups admits every source on its listener ports.
 */
public record LoadBalancer(String arn, String name, String type, String scheme, String state, String vpcId,
                          List<String> subnetIds, List<String> securityGroupIds, String dnsName,
                          List<Listener> listeners) {
    public LoadBalancer {
        subnetIds = Lists.copy(subnetIds);
        securityGroupIds = Lists.copy(securityGroupIds);
        listeners = Lists.copy(listeners);
        state = state == null ? "active" : state;
    }

    public boolean internetFacing() {
        return "internet-facing".equalsIgnoreCase(scheme);
    }

    public boolean active() {
        return "active".equalsIgnoreCase(state) || "active_impaired".equalsIgnoreCase(state);
    }

    public boolean isApplication() {
        return "application".equalsIgnoreCase(type);
    }

    public boolean isNetwork() {
        return "network".equalsIgnoreCase(type);
    }
}
