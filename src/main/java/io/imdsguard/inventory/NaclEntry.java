package io.imdsguard.inventory;

/**
 * One network ACL entry. Exactly one of {@code cidrBlock}/{@code ipv6CidrBlock} is set; the
 * protocol is canonical (see {@link Protocols}); {@code ports} is {@link PortRange#ALL} where the
 * protocol has none. Rule number 32767 is the final {@code *} entry.
 */
public record NaclEntry(int ruleNumber, boolean egress, String protocol, boolean allow,
                        String cidrBlock, String ipv6CidrBlock, PortRange ports) {
    public NaclEntry {
        protocol = Protocols.canonical(protocol);
        ports = ports == null || !Protocols.hasPorts(protocol) ? PortRange.ALL : ports;
    }
}
