package io.imdsguard.analyze.network;

import io.imdsguard.inventory.PortRange;

import java.math.BigInteger;
import java.util.List;

/**
 * One way the internet at large reaches an instance, with its evidence.
 *
 * @param interfaceId        the instance interface the traffic arrives on
 * @param protocol           canonical protocol ({@code tcp}, {@code udp}, {@code -1} ...)
 * @param ports              the ports admitted on this path (at the instance for DIRECT, the listener's for LOAD_BALANCER)
 * @param addressFamily      {@code ipv4} or {@code ipv6}
 * @param admittedAddresses  how many public, untrusted source addresses the path admits
 * @param steps              the chain that made it true, in order from the internet to the interface,
 *                           e.g. {@code "route rtb-1 0.0.0.0/0 -> igw-1"}, {@code "nacl acl-1 ingress #100 allow 0.0.0.0/0"},
 *                           {@code "sg sg-1 tcp/22 from 0.0.0.0/0"}
 * @param loadBalancerArn    the load balancer on a LOAD_BALANCER path, else null
 * @param summary            one sentence, e.g. "reachable from 3.7 billion public IPv4 addresses on tcp/22 via igw-1"
 */
public record ExposurePath(PathKind kind, String interfaceId, String protocol, PortRange ports, String addressFamily,
                           BigInteger admittedAddresses, List<String> steps, String loadBalancerArn, String summary) {
    public ExposurePath {
        steps = List.copyOf(steps);
    }
}
