package io.imdsguard.analyze.network;

import io.imdsguard.inventory.NaclEntry;
import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.Protocols;

import java.util.ArrayList;
import java.util.List;

/**
 * Network ACL evaluation over address ranges. Entries of the family are taken in ascending rule
 * number and the first match decides for the addresses it covers; whatever no entry decided is
 * denied by the final {@code *} entry. So "deny 1.0.0.0/8, then allow 0.0.0.0/0" admits everything
 * but 1/8, which a literal "is there an allow 0.0.0.0/0" check would get wrong.
 */
final class NaclEvaluator {
    private static final int FINAL_ENTRY = 32767;

    private final Memo<Decision> cache = new Memo<>();

    /** Which entry decided which sources. {@code entry} is null when the ACL was not collected. */
    record Decided(String aclId, boolean egress, NaclEntry entry, AddressSet sources) {
        String step() {
            String direction = egress ? "egress" : "ingress";
            if (entry == null) {
                return "nacl of subnet not collected: assumed to allow all " + direction + " (AWS default ACL)";
            }
            String cidr = entry.cidrBlock() != null ? entry.cidrBlock() : entry.ipv6CidrBlock();
            return "nacl " + aclId + " " + direction + " #" + entry.ruleNumber() + " " + (entry.allow() ? "allow" : "deny")
                    + " " + Wording.protocolPorts(entry.protocol(), entry.ports()) + " " + cidr + (egress ? " (reply)" : "");
        }
    }

    /** The sources an ACL direction admits, and the entries that decided. */
    record Decision(AddressSet admitted, List<Decided> decided) {
        /** Allow entries that admitted part of {@code admitted}, and deny entries that carved out part of {@code relevant}. */
        List<String> steps(AddressSet finalAdmitted, AddressSet relevant) {
            List<String> steps = new ArrayList<>();
            for (Decided d : decided) {
                boolean allow = d.entry() == null || d.entry().allow();
                boolean shown = allow ? d.sources().overlaps(finalAdmitted)
                        : d.entry().ruleNumber() != FINAL_ENTRY && d.sources().overlaps(relevant);
                if (shown) {
                    steps.add(d.step());
                }
            }
            return steps;
        }
    }

    /** Sources the ACL lets in on {@code protocol}/{@code port}. */
    Decision ingress(NetworkAcl acl, AddressFamily family, String protocol, int port) {
        return evaluate(acl, false, family, protocol, port);
    }

    /**
     * Sources to which the ACL lets the reply out. The reply goes to the client's ephemeral port;
     * the client (an attacker) picks it, so any port in 1024-65535 that egress allows is enough.
     */
    Decision reply(NetworkAcl acl, AddressFamily family, String protocol) {
        String key = "reply|" + (acl == null ? "-" : acl.networkAclId()) + '|' + family + '|' + protocol;
        return cache.get(key, () -> {
            PortRange ephemeral = Protocols.hasPorts(protocol) ? PortRange.EPHEMERAL : PortRange.ALL;
            AddressSet admitted = AddressSet.empty(family);
            List<Decided> decided = new ArrayList<>();
            for (PortRange segment : PortSegments.split(ephemeral, portRanges(acl, true, family, protocol))) {
                Decision d = evaluate(acl, true, family, protocol, segment.from());
                admitted = admitted.union(d.admitted());
                d.decided().stream().filter(x -> !decided.contains(x)).forEach(decided::add);
            }
            return new Decision(admitted, List.copyOf(decided));
        });
    }

    /** Port ranges of the entries that can match {@code protocol}, for cutting the port axis. */
    List<PortRange> portRanges(NetworkAcl acl, boolean egress, AddressFamily family, String protocol) {
        if (acl == null || !Protocols.hasPorts(protocol)) {
            return List.of();
        }
        return acl.entries().stream()
                .filter(e -> e.egress() == egress && matchesFamily(e, family) && matchesProtocol(e, protocol))
                .map(NaclEntry::ports).toList();
    }

    private Decision evaluate(NetworkAcl acl, boolean egress, AddressFamily family, String protocol, int port) {
        String key = (acl == null ? "-" : acl.networkAclId()) + '|' + egress + '|' + family + '|' + protocol + '|' + port;
        return cache.get(key, () -> acl == null
                ? new Decision(AddressSet.everything(family),
                List.of(new Decided(null, egress, null, AddressSet.everything(family))))
                : firstMatch(acl, egress, family, protocol, port));
    }

    private static Decision firstMatch(NetworkAcl acl, boolean egress, AddressFamily family, String protocol, int port) {
        AddressSet undecided = AddressSet.everything(family);
        AddressSet admitted = AddressSet.empty(family);
        List<Decided> decided = new ArrayList<>();
        for (NaclEntry entry : acl.entries()) {
            if (entry.egress() != egress || !matchesFamily(entry, family) || !matchesProtocol(entry, protocol)
                    || !matchesPort(entry, protocol, port)) {
                continue;
            }
            String cidr = family == AddressFamily.IPV4 ? entry.cidrBlock() : entry.ipv6CidrBlock();
            AddressSet covered = undecided.intersect(AddressSet.ofCidrs(family, List.of(cidr)));
            if (covered.isEmpty()) {
                continue;
            }
            undecided = undecided.minus(covered);
            if (entry.allow()) {
                admitted = admitted.union(covered);
            }
            decided.add(new Decided(acl.networkAclId(), egress, entry, covered));
            if (undecided.isEmpty()) {
                break;
            }
        }
        return new Decision(admitted, List.copyOf(decided));
    }

    private static boolean matchesFamily(NaclEntry entry, AddressFamily family) {
        return family == AddressFamily.IPV4 ? entry.cidrBlock() != null : entry.ipv6CidrBlock() != null;
    }

    private static boolean matchesProtocol(NaclEntry entry, String protocol) {
        return Protocols.ALL.equals(entry.protocol()) || entry.protocol().equals(protocol);
    }

    private static boolean matchesPort(NaclEntry entry, String protocol, int port) {
        return !Protocols.hasPorts(protocol) || !Protocols.hasPorts(entry.protocol()) || entry.ports().contains(port);
    }
}
