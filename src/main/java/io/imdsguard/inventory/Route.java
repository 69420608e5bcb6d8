package io.imdsguard.inventory;

/**
 * One route. Exactly one destination is set (IPv4 CIDR, IPv6 CIDR or prefix list); {@code target}
 * is the gateway/NAT/ENI/peering id the route sends to ({@code local} for the VPC route), and
 * {@code state} is {@code active} or {@code blackhole}.
 */
public record Route(String destinationCidr, String destinationIpv6Cidr, String destinationPrefixListId,
                    String target, String state) {
    public Route {
        state = state == null ? "active" : state;
    }

    public boolean active() {
        return "active".equalsIgnoreCase(state);
    }

    public String destination() {
        return destinationCidr != null ? destinationCidr
                : destinationIpv6Cidr != null ? destinationIpv6Cidr : destinationPrefixListId;
    }
}
