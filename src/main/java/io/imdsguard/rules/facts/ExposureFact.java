package io.imdsguard.rules.facts;

/**
 * One internet exposure path of an instance (the network analyzer's {@code ExposurePath}).
 *
 * @param instanceKey       the {@link InstanceFact#key()} it belongs to
 * @param kind              {@code DIRECT} or {@code LOAD_BALANCER}
 * @param protocol          {@code tcp}, {@code udp}, {@code -1} (all) ...
 * @param fromPort          first admitted port (0 when the protocol has no ports)
 * @param toPort            last admitted port
 * @param addressFamily     {@code ipv4} or {@code ipv6}
 * @param admittedAddresses how many public untrusted source addresses the path admits (saturates at Long.MAX_VALUE)
 * @param loadBalancerArn   the load balancer on a LOAD_BALANCER path, else null
 */
public record ExposureFact(String instanceKey, String kind, String protocol, int fromPort, int toPort,
                           String addressFamily, long admittedAddresses, String loadBalancerArn, String summary) {
}
