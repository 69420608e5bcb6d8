package io.imdsguard.inventory;

import java.util.List;
import java.util.Locale;

/**
 * An ELBv2 load balancer ({@code type} {@code application}, {@code network} or {@code gateway})
 * with its listeners. {@code scheme} is {@code internet-facing} or {@code internal}; an NLB with no
 * security groups admits every source on its listener ports. {@code ipAddressType} is {@code ipv4},
 * {@code dualstack} or {@code dualstack-without-public-ipv4}; absent (older snapshots) means
 * {@code ipv4}, the AWS default.
 */
public record LoadBalancer(String arn, String name, String type, String scheme, String state, String vpcId,
                          List<String> subnetIds, List<String> securityGroupIds, String dnsName,
                          List<Listener> listeners, String ipAddressType) {
    public static final String IPV4 = "ipv4";
    public static final String DUALSTACK = "dualstack";
    public static final String DUALSTACK_WITHOUT_PUBLIC_IPV4 = "dualstack-without-public-ipv4";

    public LoadBalancer {
        subnetIds = Lists.copy(subnetIds);
        securityGroupIds = Lists.copy(securityGroupIds);
        listeners = Lists.copy(listeners);
        state = state == null ? "active" : state;
        ipAddressType = ipAddressType == null ? IPV4 : ipAddressType;
    }

    /** The pre-dualstack shape: an IPv4-only load balancer. */
    public LoadBalancer(String arn, String name, String type, String scheme, String state, String vpcId,
                        List<String> subnetIds, List<String> securityGroupIds, String dnsName,
                        List<Listener> listeners) {
        this(arn, name, type, scheme, state, vpcId, subnetIds, securityGroupIds, dnsName, listeners, null);
    }

    /** Internet clients can reach it on a public IPv4 address (all but dualstack-without-public-ipv4). */
    public boolean listensOnIpv4() {
        return !DUALSTACK_WITHOUT_PUBLIC_IPV4.equalsIgnoreCase(ipAddressType);
    }

    /** Internet clients can reach it over IPv6 (either dualstack type). */
    public boolean listensOnIpv6() {
        return ipAddressType.toLowerCase(Locale.ROOT).startsWith(DUALSTACK);
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
