package io.imdsguard.analyze.network;

import io.imdsguard.inventory.ClassicLoadBalancer;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.Listener;
import io.imdsguard.inventory.ListenerRule;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.NetworkInterface;
import io.imdsguard.inventory.PrivateIp;
import io.imdsguard.inventory.Protocols;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Target;
import io.imdsguard.inventory.TargetGroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which load balancer listeners can deliver to which instance interface, indexed by instance id.
 * ELBv2 listeners reach target groups through default actions and rules (weighted forwards
 * included); an ip target belongs to the instance whose interface holds that private IP in the
 * target group's VPC; a classic ELB forwards to its registered instances.
 */
final class LoadBalancerTargets {
    /**
     * A load balancer as reachability sees it, ELBv2 or classic ({@code type} {@code classic}).
     * {@code families}: the address families internet clients can connect to it with.
     */
    record Balancer(String arn, String name, String type, boolean internetFacing, boolean active, String vpcId,
                    List<String> subnetIds, List<String> securityGroupIds, List<AddressFamily> families) {
        boolean isNetwork() {
            return "network".equalsIgnoreCase(type);
        }
    }

    /** One listener's way to one instance interface. */
    record Forward(Balancer lb, String listenerRef, String listenerLabel, List<String> protocols, int listenerPort,
                   String targetGroupLabel, String instanceId, NetworkInterface eni, String targetAddress,
                   int targetPort, boolean preservesClientIp) {
    }

    private record Owner(Instance instance, NetworkInterface eni) {
    }

    private final Map<String, List<Forward>> byInstance = new HashMap<>();
    private final Map<String, Instance> instances = new HashMap<>();
    private Map<String, List<Owner>> ownersByIp;
    private final RegionIndex index;

    LoadBalancerTargets(RegionIndex index) {
        this.index = index;
        RegionInventory region = index.region();
        for (Instance instance : region.instances()) {
            instances.put(instance.instanceId(), instance);
        }
        region.loadBalancers().forEach(this::indexElbv2);
        region.classicLoadBalancers().forEach(clb -> indexClassic(clb, region));
    }

    List<Forward> forwardsTo(String instanceId) {
        return byInstance.getOrDefault(instanceId, List.of());
    }

    private void indexElbv2(LoadBalancer lb) {
        if (!lb.isApplication() && !lb.isNetwork()) {
            return; // gateway load balancers carry no internet client traffic to targets
        }
        Balancer balancer = new Balancer(lb.arn(), lb.name(), lb.type().toLowerCase(Locale.ROOT), lb.internetFacing(),
                lb.active(), lb.vpcId(), lb.subnetIds(), lb.securityGroupIds(), families(lb));
        for (Listener listener : lb.listeners()) {
            Set<String> groupArns = new LinkedHashSet<>(listener.defaultTargetGroupArns());
            listener.rules().stream().map(ListenerRule::targetGroupArns).forEach(groupArns::addAll);
            String label = listener.protocol() + ":" + listener.port();
            String ref = listener.arn() != null ? listener.arn() : label;
            List<String> protocols = protocols(listener.protocol());
            for (String groupArn : groupArns) {
                index.targetGroup(groupArn).ifPresent(tg -> {
                    boolean preserved = balancer.isNetwork() && tg.preservesClientIp();
                    String tgLabel = "target group " + tg.name() + " (" + tg.arn() + ")";
                    for (Target target : tg.targets()) {
                        int port = target.port() != null ? target.port() : tg.port() != null ? tg.port() : listener.port();
                        for (Owner owner : owners(tg, target)) {
                            add(owner.instance().instanceId(), new Forward(balancer, ref, label, protocols,
                                    listener.port(), tgLabel, owner.instance().instanceId(), owner.eni(), target.id(),
                                    port, preserved));
                        }
                    }
                });
            }
        }
    }

    private void indexClassic(ClassicLoadBalancer clb, RegionInventory region) {
        String arn = "arn:aws:elasticloadbalancing:" + region.region() + ":" + region.account()
                + ":loadbalancer/" + clb.name();
        Balancer balancer = new Balancer(arn, clb.name(), "classic", clb.internetFacing(), true, clb.vpcId(),
                clb.subnetIds(), clb.securityGroupIds(), List.of(AddressFamily.IPV4));
        for (ClassicLoadBalancer.ClassicListener listener : clb.listeners()) {
            String label = listener.protocol() + ":" + listener.loadBalancerPort();
            for (String instanceId : clb.instanceIds()) {
                Instance instance = instances.get(instanceId);
                if (instance != null && primary(instance) != null) {
                    add(instanceId, new Forward(balancer, label, label, protocols(listener.protocol()),
                            listener.loadBalancerPort(), "registered instances of " + clb.name(), instanceId,
                            primary(instance), instanceId, listener.instancePort(), false));
                }
            }
        }
    }

    private List<Owner> owners(TargetGroup tg, Target target) {
        if ("instance".equalsIgnoreCase(tg.targetType())) {
            Instance instance = instances.get(target.id());
            NetworkInterface primary = instance == null ? null : primary(instance);
            return primary == null ? List.of() : List.of(new Owner(instance, primary));
        }
        if ("ip".equalsIgnoreCase(tg.targetType())) {
            return ownersByIp().getOrDefault(target.id(), List.of()).stream()
                    .filter(o -> tg.vpcId() == null || tg.vpcId().equals(index.vpcOf(o.eni().subnetId(), o.eni().vpcId())))
                    .toList();
        }
        return List.of(); // lambda and alb targets are not instances
    }

    /**
     * Every private IP's interfaces, indexed at the first ip target: most regions have none, and indexing
     * every address of every instance up front was a tenth of the analysis of 2,800 small regions.
     */
    private Map<String, List<Owner>> ownersByIp() {
        if (ownersByIp == null) {
            ownersByIp = new HashMap<>();
            for (Instance instance : index.region().instances()) {
                for (NetworkInterface eni : instance.interfaces()) {
                    for (PrivateIp ip : eni.privateIps()) {
                        ownersByIp.computeIfAbsent(ip.privateIp(), k -> new ArrayList<>()).add(new Owner(instance, eni));
                    }
                }
            }
        }
        return ownersByIp;
    }

    private void add(String instanceId, Forward forward) {
        byInstance.computeIfAbsent(instanceId, k -> new ArrayList<>()).add(forward);
    }

    /** Instance targets receive traffic on the primary interface (device index 0). */
    private static NetworkInterface primary(Instance instance) {
        return instance.interfaces().stream().min(Comparator.comparingInt(NetworkInterface::deviceIndex)).orElse(null);
    }

    private static List<AddressFamily> families(LoadBalancer lb) {
        List<AddressFamily> families = new ArrayList<>();
        if (lb.listensOnIpv4()) {
            families.add(AddressFamily.IPV4);
        }
        if (lb.listensOnIpv6()) {
            families.add(AddressFamily.IPV6);
        }
        return List.copyOf(families);
    }

    /** HTTP, HTTPS, TCP, TLS and SSL ride on TCP; TCP_UDP listens on both. */
    private static List<String> protocols(String listenerProtocol) {
        String p = listenerProtocol == null ? "" : listenerProtocol.toUpperCase(Locale.ROOT);
        return switch (p) {
            case "UDP" -> List.of(Protocols.UDP);
            case "TCP_UDP" -> List.of(Protocols.TCP, Protocols.UDP);
            default -> List.of(Protocols.TCP);
        };
    }
}
