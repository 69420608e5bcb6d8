package io.imdsguard.inventory;

import java.util.List;

/**
 * One IP permission of a security group: a protocol and port range and every source it names
 * (IPv4/IPv6 CIDRs, managed prefix lists, referenced security groups).
 */
public record SecurityGroupRule(String protocol, PortRange ports, List<String> ipv4Cidrs, List<String> ipv6Cidrs,
                                List<String> prefixListIds, List<String> referencedGroupIds) {
    public SecurityGroupRule {
        protocol = Protocols.canonical(protocol);
        ports = ports == null || !Protocols.hasPorts(protocol) ? PortRange.ALL : ports;
        ipv4Cidrs = Lists.copy(ipv4Cidrs);
        ipv6Cidrs = Lists.copy(ipv6Cidrs);
        prefixListIds = Lists.copy(prefixListIds);
        referencedGroupIds = Lists.copy(referencedGroupIds);
    }
}
