package io.imdsguard.analyze.network;

import io.imdsguard.analyze.network.LoadBalancerTargets.Balancer;
import io.imdsguard.analyze.network.LoadBalancerTargets.Forward;
import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.NetworkInterface;
import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.PrivateIp;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.Subnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load-balancer path (docs/reachability.md): internet -> LB subnets (igw route, NACL) -> LB security groups ->
 * listener -> target group -> instance security groups -> instance subnet NACL -> interface.
 * The instance needs no public address. The front (internet -> LB) is evaluated per address
 * family the LB listens on; the back (LB -> instance) is always IPv4 because targets are IPv4
 * (instance targets, ip targets equal to a private IPv4). An NLB preserves the client IP only for
 * IPv4 clients: AWS translates IPv6 clients to IPv4 towards IPv4 targets and then the source is the
 * NLB's private address, whatever the target group's preserve_client_ip says.
 */
final class LoadBalancerPaths {
    private static final AddressFamily V4 = AddressFamily.IPV4;

    private final RegionIndex index;
    private final LoadBalancerTargets targets;
    private final InternetRoutes routes;
    private final NaclEvaluator nacls;
    private final SecurityGroupSources groups;
    private final PublicSources publicSources;
    private final Memo<Front> fronts = new Memo<>();

    LoadBalancerPaths(RegionIndex index, LoadBalancerTargets targets, InternetRoutes routes, NaclEvaluator nacls,
                      SecurityGroupSources groups, PublicSources publicSources) {
        this.index = index;
        this.targets = targets;
        this.routes = routes;
        this.nacls = nacls;
        this.groups = groups;
        this.publicSources = publicSources;
    }

    /** Internet sources that get through the load balancer's own subnets and security groups. */
    private record Front(AddressSet admitted, StepChain chain) {
    }

    List<ExposurePath> paths(String instanceId) {
        Map<String, ExposurePath> paths = new LinkedHashMap<>();
        for (Forward forward : targets.forwardsTo(instanceId)) {
            if (!forward.lb().internetFacing() || !forward.lb().active()) {
                continue;
            }
            for (AddressFamily family : forward.lb().families()) {
                for (String protocol : forward.protocols()) {
                    String key = forward.lb().arn() + '|' + family + '|' + forward.listenerPort() + '|' + protocol
                            + '|' + forward.eni().interfaceId();
                    if (!paths.containsKey(key)) {
                        path(forward, family, protocol).ifPresent(p -> paths.put(key, p));
                    }
                }
            }
        }
        return List.copyOf(paths.values());
    }

    private Optional<ExposurePath> path(Forward forward, AddressFamily family, String protocol) {
        Front front = front(forward.lb(), family, protocol, forward.listenerPort());
        boolean clientIpSeen = forward.preservesClientIp() && family == V4;
        if (!publicSources.isInternetAtLarge(front.admitted())) {
            return Optional.empty();
        }
        StepChain chain = new StepChain().merge(front.chain())
                .add("listener", "listener " + forward.listenerRef() + " (" + forward.listenerLabel() + ") of "
                        + forward.lb().type() + " load balancer " + forward.lb().name())
                .add("target", forward.targetGroupLabel() + " -> target " + forward.targetAddress()
                        + " port " + forward.targetPort()
                        + targetNote(forward, clientIpSeen));
        Optional<AddressSet> admitted = clientIpSeen
                ? clientIpBack(forward, protocol, front.admitted(), chain)
                : proxiedBack(forward, protocol, front.admitted(), chain);
        if (admitted.isEmpty() || !publicSources.isInternetAtLarge(admitted.get())) {
            return Optional.empty();
        }
        NetworkInterface eni = forward.eni();
        String privateIp = eni.privateIps().stream().filter(PrivateIp::primary).map(PrivateIp::privateIp)
                .findFirst().orElse(forward.targetAddress());
        chain.add("interface", "interface " + eni.interfaceId() + " (" + privateIp + ")");
        PortRange ports = new PortRange(forward.listenerPort(), forward.listenerPort());
        String summary = "reachable from " + Wording.count(admitted.get().count()) + " public " + family.label()
                + " addresses on "
                + Wording.protocolPorts(protocol, ports) + " via " + forward.lb().type() + " load balancer "
                + forward.lb().name() + " (" + forward.listenerLabel() + " -> " + protocol + "/" + forward.targetPort()
                + " on " + eni.interfaceId() + ")";
        return Optional.of(new ExposurePath(PathKind.LOAD_BALANCER, eni.interfaceId(), protocol, ports, family.id(),
                admitted.get().count(), chain.steps(), forward.lb().arn(), summary));
    }

    private static String targetNote(Forward forward, boolean clientIpSeen) {
        if (clientIpSeen) {
            return " (client IP preserved: the target sees internet sources)";
        }
        return forward.preservesClientIp()
                ? " (IPv6 client translated to IPv4: the target sees the load balancer's private address)" : "";
    }

    private Front front(Balancer lb, AddressFamily family, String protocol, int port) {
        return fronts.get(lb.arn() + '|' + family + '|' + protocol + '|' + port,
                () -> computeFront(lb, family, protocol, port));
    }

    private Front computeFront(Balancer lb, AddressFamily family, String protocol, int port) {
        record Hop(InternetRoutes.Routed routed, NaclEvaluator.Decision in, NaclEvaluator.Decision reply, AddressSet set) {
        }
        AddressSet internet = publicSources.of(family);
        List<Hop> hops = new ArrayList<>();
        AddressSet admitted = AddressSet.empty(family);
        for (String subnetId : lb.subnetIds()) {
            String vpcId = index.vpcOf(subnetId, lb.vpcId());
            InternetRoutes.Routed routed = routes.routed(subnetId, vpcId, family);
            NetworkAcl acl = index.networkAcl(subnetId, vpcId).orElse(null);
            NaclEvaluator.Decision in = nacls.ingress(acl, family, protocol, port);
            NaclEvaluator.Decision reply = nacls.reply(acl, family, protocol);
            AddressSet set = routed.sources().intersect(internet).intersect(in.admitted()).intersect(reply.admitted());
            hops.add(new Hop(routed, in, reply, set));
            admitted = admitted.union(set);
        }
        StepChain sgChain = new StepChain();
        if (!lb.securityGroupIds().isEmpty()) {
            SecurityGroupSources.Admission sg = groups.cidrSources(index.securityGroups(lb.securityGroupIds()), family,
                    protocol, port);
            admitted = admitted.intersect(sg.sources());
            sgChain.add("lb-sg", sg.steps(admitted));
        } else if (lb.isNetwork()) {
            sgChain.add("lb-sg", "network load balancer " + lb.name() + " has no security groups: admits every source on "
                    + protocol + "/" + port);
        } else {
            admitted = AddressSet.empty(family); // ALB/CLB always have groups; none collected means we cannot tell
        }
        StepChain chain = new StepChain().add("internet", "internet");
        for (Hop hop : hops) {
            AddressSet mine = hop.set().intersect(admitted);
            if (!mine.isEmpty()) {
                chain.add("lb-route", hop.routed().steps(mine))
                        .add("lb-nacl-in", hop.in().steps(mine, internet))
                        .add("lb-nacl-reply", hop.reply().steps(mine, internet));
            }
        }
        return new Front(admitted, chain.merge(sgChain));
    }

    /** Client IP preserved: the instance sees internet sources, so its SG and NACL must admit them. */
    private Optional<AddressSet> clientIpBack(Forward forward, String protocol, AddressSet front, StepChain chain) {
        Target t = target(forward, protocol);
        AddressSet sgAdmitted = t.reference().isPresent() ? front : front.intersect(t.cidrs().sources());
        AddressSet admitted = sgAdmitted.intersect(t.in().admitted()).intersect(t.reply().admitted());
        chain.add("sg", t.reference().map(List::of).orElseGet(() -> t.cidrs().steps(admitted)))
                .add("nacl-in", t.in().steps(admitted, sgAdmitted))
                .add("nacl-reply", t.reply().steps(admitted, sgAdmitted));
        return Optional.of(admitted);
    }

    /**
     * The load balancer connects from its own addresses in its subnets: the instance must admit
     * one whole LB subnet (cross-zone balancing lets any one node serve every client).
     */
    private Optional<AddressSet> proxiedBack(Forward forward, String protocol, AddressSet front, StepChain chain) {
        Target t = target(forward, protocol);
        for (String subnetId : forward.lb().subnetIds()) {
            Optional<AddressSet> lbSubnet = index.subnet(subnetId).map(Subnet::cidrBlock).map(AddressSet::ofCidr);
            if (lbSubnet.isEmpty() || lbSubnet.get().family() != V4) {
                continue;
            }
            AddressSet source = lbSubnet.get();
            boolean sgOk = t.reference().isPresent() || t.cidrs().sources().containsAll(source);
            if (sgOk && t.in().admitted().containsAll(source) && t.reply().admitted().containsAll(source)) {
                chain.add("sg", t.reference().map(List::of).orElseGet(() -> t.cidrs().steps(source)))
                        .add("nacl-in", t.in().steps(source, source))
                        .add("nacl-reply", t.reply().steps(source, source));
                return Optional.of(front);
            }
        }
        return Optional.empty();
    }

    /**
     * What the target's side admits on the target port, whoever the source is: a rule referencing one of
     * the load balancer's security groups, the CIDR sources of its security groups, its subnet's NACL
     * ingress and reply decisions. The two back-side checks differ only in which sources must pass.
     */
    private record Target(Optional<String> reference, SecurityGroupSources.Admission cidrs,
                          NaclEvaluator.Decision in, NaclEvaluator.Decision reply) {
    }

    private Target target(Forward forward, String protocol) {
        NetworkInterface eni = forward.eni();
        List<SecurityGroup> sgs = index.securityGroups(eni.securityGroupIds());
        NetworkAcl acl = instanceAcl(eni);
        return new Target(groups.referencing(sgs, protocol, forward.targetPort(), forward.lb().securityGroupIds()),
                groups.cidrSources(sgs, V4, protocol, forward.targetPort()),
                nacls.ingress(acl, V4, protocol, forward.targetPort()), nacls.reply(acl, V4, protocol));
    }

    private NetworkAcl instanceAcl(NetworkInterface eni) {
        return index.networkAcl(eni.subnetId(), index.vpcOf(eni.subnetId(), eni.vpcId())).orElse(null);
    }
}
