package io.imdsguard.analyze.network;

import io.imdsguard.inventory.Gateway;
import io.imdsguard.inventory.Route;
import io.imdsguard.inventory.RouteTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which sources a subnet's route table sends back to an internet gateway. Inbound traffic only
 * works when the reply to the source leaves through an {@code igw-} attached to the VPC, so the
 * internet is split by route destinations with longest-prefix match: {@code 0.0.0.0/0 -> igw} but
 * {@code 1.0.0.0/8 -> nat} leaves 1/8 unreachable. A blackhole route still wins its prefix (AWS
 * drops the packets), so only an active winning route to an attached igw admits anything.
 */
final class InternetRoutes {
    private final RegionIndex index;
    private final Memo<Routed> cache = new Memo<>();

    InternetRoutes(RegionIndex index) {
        this.index = index;
    }

    /** One route's share of the address space that it wins and sends to an internet gateway. */
    record Portion(String routeTableId, String destination, String gatewayId, AddressSet sources) {
        String step() {
            return "route " + routeTableId + " " + destination + " -> " + gatewayId;
        }
    }

    /** The sources routed to an internet gateway, and which routes did it. */
    record Routed(AddressSet sources, List<Portion> portions) {
        List<String> steps(AddressSet admitted) {
            return portions.stream().filter(p -> p.sources().overlaps(admitted)).map(Portion::step).toList();
        }

        List<String> gateways(AddressSet admitted) {
            return portions.stream().filter(p -> p.sources().overlaps(admitted))
                    .map(Portion::gatewayId).distinct().toList();
        }
    }

    private record Candidate(String label, AddressSet destination, int prefixLength, boolean prefixList, Route route) {
    }

    Routed routed(String subnetId, String vpcId, AddressFamily family) {
        return cache.get(subnetId + '|' + vpcId + '|' + family,
                () -> index.routeTable(subnetId, vpcId).map(t -> compute(t, vpcId, family))
                        .orElse(new Routed(AddressSet.empty(family), List.of())));
    }

    private Routed compute(RouteTable table, String vpcId, AddressFamily family) {
        AddressSet remaining = AddressSet.everything(family);
        AddressSet admitted = AddressSet.empty(family);
        List<Portion> portions = new ArrayList<>();
        for (Candidate candidate : candidates(table, family)) {
            AddressSet won = remaining.intersect(candidate.destination());
            if (won.isEmpty()) {
                continue;
            }
            remaining = remaining.minus(won);
            String target = candidate.route().target();
            if (candidate.route().active() && isAttachedInternetGateway(target, vpcId)) {
                admitted = admitted.union(won);
                portions.add(new Portion(table.routeTableId(), candidate.label(), target, won));
            }
            if (remaining.isEmpty()) {
                break;
            }
        }
        return new Routed(admitted, List.copyOf(portions));
    }

    /** Routes of the family, most specific first; at equal length a static CIDR beats a prefix list (AWS). */
    private List<Candidate> candidates(RouteTable table, AddressFamily family) {
        List<Candidate> candidates = new ArrayList<>();
        for (Route route : table.routes()) {
            if (route.destinationPrefixListId() != null) {
                for (String cidr : index.prefixListCidrs(route.destinationPrefixListId())) {
                    if (AddressFamily.of(cidr) == family) {
                        candidates.add(new Candidate(route.destinationPrefixListId() + " (" + cidr + ")",
                                AddressSet.ofCidr(cidr), prefixLength(cidr, family), true, route));
                    }
                }
            } else {
                String cidr = family == AddressFamily.IPV4 ? route.destinationCidr() : route.destinationIpv6Cidr();
                if (cidr != null && AddressFamily.of(cidr) == family) {
                    candidates.add(new Candidate(cidr, AddressSet.ofCidr(cidr), prefixLength(cidr, family), false, route));
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::prefixLength).reversed()
                .thenComparing(Candidate::prefixList));
        return candidates;
    }

    private static int prefixLength(String cidr, AddressFamily family) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return family == AddressFamily.IPV4 ? 32 : 128;
        }
        return Integer.parseInt(cidr.substring(slash + 1).trim());
    }

    /**
     * An {@code igw-} target admits inbound traffic only if that gateway is attached to this VPC.
     * A gateway missing from the inventory (a collection gap) is given the benefit of the doubt:
     * AWS would have marked the route blackhole had it been detached.
     */
    private boolean isAttachedInternetGateway(String target, String vpcId) {
        if (target == null || !target.startsWith("igw-")) {
            return false;
        }
        return index.gateway(target)
                .map(g -> !Gateway.EGRESS_ONLY.equalsIgnoreCase(g.type()) && g.attachedVpcIds().contains(vpcId))
                .orElse(true);
    }
}
