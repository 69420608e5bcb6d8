package io.imdsguard.analyze.network;

import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.NetworkInterface;
import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.Protocols;
import io.imdsguard.inventory.SecurityGroup;

import java.util.ArrayList;
import java.util.List;

/**
 * The direct path (docs/reachability.md): internet -> igw route -> subnet NACL (in and reply) -> security groups ->
 * a public address of the interface. Results depend only on (subnet, security-group set, family),
 * so they are computed once per combination and shared by every interface that has it.
 */
final class DirectPaths {
    private final RegionIndex index;
    private final InternetRoutes routes;
    private final NaclEvaluator nacls;
    private final SecurityGroupSources groups;
    private final PublicSources publicSources;
    private final Memo<List<Exposure>> cache = new Memo<>();

    DirectPaths(RegionIndex index, InternetRoutes routes, NaclEvaluator nacls, SecurityGroupSources groups,
                PublicSources publicSources) {
        this.index = index;
        this.routes = routes;
        this.nacls = nacls;
        this.groups = groups;
        this.publicSources = publicSources;
    }

    /** One exposed protocol and contiguous port range with the same admitted sources. */
    record Exposure(String protocol, PortRange ports, AddressSet admitted, List<String> steps, List<String> gateways) {
    }

    /** Every direct exposure of one interface, as contract records. */
    List<ExposurePath> paths(NetworkInterface eni) {
        List<ExposurePath> paths = new ArrayList<>();
        if (eni.hasPublicIpv4()) {
            addPaths(paths, eni, AddressFamily.IPV4, String.join(", ", eni.publicIps()));
        }
        if (!eni.ipv6Addresses().isEmpty()) {
            addPaths(paths, eni, AddressFamily.IPV6, String.join(", ", eni.ipv6Addresses()));
        }
        return paths;
    }

    private void addPaths(List<ExposurePath> paths, NetworkInterface eni, AddressFamily family, String addresses) {
        String vpcId = index.vpcOf(eni.subnetId(), eni.vpcId());
        for (Exposure e : exposures(eni.subnetId(), vpcId, eni.securityGroupIds(), family)) {
            List<String> steps = new ArrayList<>(e.steps());
            steps.add("interface " + eni.interfaceId() + " (" + addresses + ")");
            String summary = "reachable from " + Wording.count(e.admitted().count()) + " public " + family.label()
                    + " addresses on " + Wording.protocolPorts(e.protocol(), e.ports()) + " via "
                    + String.join(", ", e.gateways()) + " (" + eni.interfaceId() + ", " + addresses + ")";
            paths.add(new ExposurePath(PathKind.DIRECT, eni.interfaceId(), e.protocol(), e.ports(), family.id(),
                    e.admitted().count(), steps, null, summary));
        }
    }

    List<Exposure> exposures(String subnetId, String vpcId, List<String> groupIds, AddressFamily family) {
        String key = subnetId + '|' + vpcId + '|' + family + '|' + String.join(",", groupIds.stream().sorted().toList());
        return cache.get(key, () -> compute(subnetId, vpcId, index.securityGroups(groupIds), family));
    }

    private List<Exposure> compute(String subnetId, String vpcId, List<SecurityGroup> sgs, AddressFamily family) {
        InternetRoutes.Routed routed = routes.routed(subnetId, vpcId, family);
        AddressSet routedPublic = routed.sources().intersect(publicSources.of(family));
        if (!publicSources.isInternetAtLarge(routedPublic)) {
            return List.of();
        }
        NetworkAcl acl = index.networkAcl(subnetId, vpcId).orElse(null);
        List<Exposure> exposures = new ArrayList<>();
        for (String protocol : SecurityGroupSources.protocols(sgs)) {
            if (Protocols.ICMPV6.equals(protocol) && family == AddressFamily.IPV4
                    || Protocols.ICMP.equals(protocol) && family == AddressFamily.IPV6) {
                continue; // each ICMP flavour exists in one family only
            }
            exposures.addAll(exposuresFor(protocol, routed, routedPublic, acl, sgs, family));
        }
        return List.copyOf(exposures);
    }

    private List<Exposure> exposuresFor(String protocol, InternetRoutes.Routed routed, AddressSet routedPublic,
                                        NetworkAcl acl, List<SecurityGroup> sgs, AddressFamily family) {
        List<PortRange> sgRanges = SecurityGroupSources.portRanges(sgs, protocol);
        NaclEvaluator.Decision reply = nacls.reply(acl, family, protocol);
        AddressSet base = routedPublic.intersect(reply.admitted());
        if (sgRanges.isEmpty() || !publicSources.isInternetAtLarge(base)) {
            return List.of();
        }
        List<PortRange> cuts = new ArrayList<>(sgRanges);
        cuts.addAll(nacls.portRanges(acl, false, family, protocol));
        List<PortRange> segments = Protocols.hasPorts(protocol) ? PortSegments.split(PortRange.ALL, cuts)
                : List.of(PortRange.ALL);
        List<Segment> found = new ArrayList<>();
        for (PortRange segment : segments) {
            if (sgRanges.stream().noneMatch(r -> PortSegments.overlaps(r, segment))) {
                continue;
            }
            SecurityGroupSources.Admission sg = groups.cidrSources(sgs, family, protocol, segment.from());
            AddressSet candidates = base.intersect(sg.sources());
            if (candidates.isEmpty()) {
                continue;
            }
            NaclEvaluator.Decision in = nacls.ingress(acl, family, protocol, segment.from());
            AddressSet admitted = candidates.intersect(in.admitted());
            if (admitted.isEmpty()) {
                continue;
            }
            StepChain chain = new StepChain().add("internet", "internet")
                    .add("route", routed.steps(admitted))
                    .add("nacl-in", in.steps(admitted, routedPublic.intersect(sg.sources())))
                    .add("nacl-reply", reply.steps(admitted, routedPublic.intersect(sg.sources()).intersect(in.admitted())))
                    .add("sg", sg.steps(admitted));
            Segment last = found.isEmpty() ? null : found.get(found.size() - 1);
            if (last != null && last.ports.to() + 1 == segment.from() && last.admitted.equals(admitted)) {
                found.set(found.size() - 1, new Segment(new PortRange(last.ports.from(), segment.to()), admitted,
                        last.chain.merge(chain)));
            } else {
                found.add(new Segment(segment, admitted, chain));
            }
        }
        return found.stream().filter(s -> publicSources.isInternetAtLarge(s.admitted))
                .map(s -> new Exposure(protocol, s.ports, s.admitted, s.chain.steps(), routed.gateways(s.admitted)))
                .toList();
    }

    private record Segment(PortRange ports, AddressSet admitted, StepChain chain) {
    }
}
