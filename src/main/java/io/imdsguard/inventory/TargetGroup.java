package io.imdsguard.inventory;

import java.util.List;
import java.util.Locale;

/**
 * A target group. {@code preserveClientIp} is the {@code preserve_client_ip.enabled} attribute
 * when the collector read one; {@link #preservesClientIp()} applies AWS's defaults otherwise.
 */
public record TargetGroup(String arn, String name, String protocol, Integer port, String targetType, String vpcId,
                          List<String> loadBalancerArns, Boolean preserveClientIp, List<Target> targets) {
    public TargetGroup {
        loadBalancerArns = Lists.copy(loadBalancerArns);
        targets = Lists.copy(targets);
        targetType = targetType == null ? "instance" : targetType;
    }

    /**
     * Whether an NLB delivers the client's own address to the target. AWS default: on for instance
     * targets and for UDP/TCP_UDP, off for ip targets over TCP/TLS.
     */
    public boolean preservesClientIp() {
        if (preserveClientIp != null) {
            return preserveClientIp;
        }
        String p = protocol == null ? "" : protocol.toUpperCase(Locale.ROOT);
        return "instance".equalsIgnoreCase(targetType) || p.equals("UDP") || p.equals("TCP_UDP");
    }
}
