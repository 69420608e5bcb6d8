package io.imdsguard.testing;

/**
 * One security group permission to seed: a protocol and port range from exactly one peer
 * (IPv4/IPv6 CIDR, another group, or a prefix list).
 */
public record SgRule(String protocol, int fromPort, int toPort, String cidr, String groupId, String prefixListId) {

    /** TCP on one port; choose the peer with {@code from...}. */
    public static SgRule tcp(int port) {
        return new SgRule("tcp", port, port, null, null, null);
    }

    /** TCP on a port range. */
    public static SgRule tcp(int fromPort, int toPort) {
        return new SgRule("tcp", fromPort, toPort, null, null, null);
    }

    /** All protocols and ports. */
    public static SgRule allTraffic() {
        return new SgRule("-1", -1, -1, null, null, null);
    }

    /** From an IPv4 or IPv6 CIDR. */
    public SgRule fromCidr(String peerCidr) {
        return new SgRule(protocol, fromPort, toPort, peerCidr, null, null);
    }

    /** From members of another security group. */
    public SgRule fromGroup(String peerGroupId) {
        return new SgRule(protocol, fromPort, toPort, null, peerGroupId, null);
    }

    /** From a managed prefix list. */
    public SgRule fromPrefixList(String peerPrefixListId) {
        return new SgRule(protocol, fromPort, toPort, null, null, peerPrefixListId);
    }
}
