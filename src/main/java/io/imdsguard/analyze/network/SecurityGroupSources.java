package io.imdsguard.analyze.network;

import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.Protocols;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.SecurityGroupRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the union of an interface's security groups lets in. CIDR rules and managed prefix lists
 * name address sources; a rule that references a group admits only members of that group, which is
 * never the internet directly (it matters only for load balancers, see {@link #referencing}).
 */
final class SecurityGroupSources {
    private final RegionIndex index;

    SecurityGroupSources(RegionIndex index) {
        this.index = index;
    }

    /** One source named by one rule, with the addresses it stands for. */
    record Contribution(String groupId, SecurityGroupRule rule, String source, AddressSet sources) {
        String step() {
            return "sg " + groupId + " " + Wording.protocolPorts(rule.protocol(), rule.ports()) + " from " + source;
        }
    }

    /** The address sources admitted on one protocol/port, rule by rule. */
    record Admission(AddressSet sources, List<Contribution> contributions) {
        List<String> steps(AddressSet admitted) {
            return contributions.stream().filter(c -> c.sources().overlaps(admitted))
                    .map(Contribution::step).distinct().toList();
        }
    }

    Admission cidrSources(List<SecurityGroup> groups, AddressFamily family, String protocol, int port) {
        AddressSet all = AddressSet.empty(family);
        List<Contribution> contributions = new ArrayList<>();
        for (SecurityGroup group : groups) {
            for (SecurityGroupRule rule : group.ingress()) {
                if (!matches(rule, protocol, port)) {
                    continue;
                }
                for (String cidr : family == AddressFamily.IPV4 ? rule.ipv4Cidrs() : rule.ipv6Cidrs()) {
                    AddressSet set = AddressSet.ofCidrs(family, List.of(cidr));
                    all = all.union(set);
                    contributions.add(new Contribution(group.groupId(), rule, cidr, set));
                }
                for (String listId : rule.prefixListIds()) {
                    AddressSet set = AddressSet.ofCidrs(family, index.prefixListCidrs(listId));
                    if (!set.isEmpty()) {
                        all = all.union(set);
                        contributions.add(new Contribution(group.groupId(), rule, "prefix list " + listId, set));
                    }
                }
            }
        }
        return new Admission(all, List.copyOf(contributions));
    }

    /** The rule step of a rule that admits members of one of {@code groupIds} on protocol/port, if any. */
    Optional<String> referencing(List<SecurityGroup> groups, String protocol, int port, Collection<String> groupIds) {
        for (SecurityGroup group : groups) {
            for (SecurityGroupRule rule : group.ingress()) {
                if (matches(rule, protocol, port)) {
                    for (String referenced : rule.referencedGroupIds()) {
                        if (groupIds.contains(referenced)) {
                            return Optional.of("sg " + group.groupId() + " "
                                    + Wording.protocolPorts(rule.protocol(), rule.ports()) + " from " + referenced);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Port ranges of rules that can match {@code protocol}, for cutting the port axis. */
    static List<PortRange> portRanges(List<SecurityGroup> groups, String protocol) {
        List<PortRange> ranges = new ArrayList<>();
        groups.forEach(g -> g.ingress().stream().filter(r -> matchesProtocol(r, protocol))
                .forEach(r -> ranges.add(Protocols.hasPorts(r.protocol()) ? r.ports() : PortRange.ALL)));
        return ranges;
    }

    /** TCP and UDP always; any other protocol only when a rule names it (ICMP, GRE ...). */
    static Set<String> protocols(List<SecurityGroup> groups) {
        Set<String> protocols = new LinkedHashSet<>(List.of(Protocols.TCP, Protocols.UDP));
        groups.forEach(g -> g.ingress().stream().map(SecurityGroupRule::protocol)
                .filter(p -> !Protocols.ALL.equals(p)).forEach(protocols::add));
        return protocols;
    }

    static boolean matches(SecurityGroupRule rule, String protocol, int port) {
        return matchesProtocol(rule, protocol)
                && (!Protocols.hasPorts(protocol) || !Protocols.hasPorts(rule.protocol()) || rule.ports().contains(port));
    }

    private static boolean matchesProtocol(SecurityGroupRule rule, String protocol) {
        return Protocols.ALL.equals(rule.protocol()) || rule.protocol().equals(protocol);
    }
}
