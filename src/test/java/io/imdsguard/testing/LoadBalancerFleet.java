package io.imdsguard.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** Seeds ELBv2 (ALB/NLB) and classic ELB resources through the real clients. */
public final class LoadBalancerFleet {

    /** Scheme of an internet-facing load balancer. */
    public static final String INTERNET_FACING = "internet-facing";
    /** Scheme of an internal load balancer. */
    public static final String INTERNAL = "internal";

    private final ElasticLoadBalancingV2Client elbv2;
    private final ElasticLoadBalancingClient elb;

    LoadBalancerFleet(ElasticLoadBalancingV2Client elbv2, ElasticLoadBalancingClient elb) {
        this.elbv2 = elbv2;
        this.elb = elb;
    }

    /** A created ELBv2 load balancer. */
    public record LoadBalancerRef(String arn, String dnsName) {}

    /** An application load balancer; the scheme is always passed (moto has no default). */
    public LoadBalancerRef applicationLoadBalancer(String name, String scheme, List<String> subnetIds,
            List<String> securityGroupIds) {
        LoadBalancer lb = elbv2.createLoadBalancer(r -> r.name(name).scheme(scheme).type(LoadBalancerTypeEnum.APPLICATION)
                .subnets(subnetIds).securityGroups(securityGroupIds)).loadBalancers().get(0);
        return new LoadBalancerRef(lb.loadBalancerArn(), lb.dnsName());
    }

    /** A network load balancer; the scheme is always passed. */
    public LoadBalancerRef networkLoadBalancer(String name, String scheme, List<String> subnetIds) {
        LoadBalancer lb = elbv2.createLoadBalancer(r -> r.name(name).scheme(scheme).type(LoadBalancerTypeEnum.NETWORK)
                .subnets(subnetIds)).loadBalancers().get(0);
        return new LoadBalancerRef(lb.loadBalancerArn(), lb.dnsName());
    }

    /**
     * A target group.
     *
     * @param targetType "instance" or "ip"
     * @param protocol HTTP/HTTPS for ALBs, TCP/UDP/TLS for NLBs
     */
    public String targetGroup(String name, String vpcId, String targetType, String protocol, int port) {
        return elbv2.createTargetGroup(r -> r.name(name).vpcId(vpcId).targetType(targetType).protocol(protocol)
                .port(port)).targetGroups().get(0).targetGroupArn();
    }

    /** Registers instance ids or IP addresses (matching the group's target type) on the group's port. */
    public void registerTargets(String targetGroupArn, String... targetIds) {
        elbv2.registerTargets(r -> r.targetGroupArn(targetGroupArn).targets(Arrays.stream(targetIds)
                .map(id -> TargetDescription.builder().id(id).build()).toList()));
    }

    /** A listener whose default action forwards to one target group. */
    public String listener(String loadBalancerArn, String protocol, int port, String targetGroupArn) {
        return elbv2.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol(protocol).port(port)
                .defaultActions(forward(targetGroupArn))).listeners().get(0).listenerArn();
    }

    /** A listener whose default action is a weighted forward to several target groups (arn -> weight). */
    public String weightedListener(String loadBalancerArn, String protocol, int port, Map<String, Integer> weights) {
        Action action = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                weights.entrySet().stream().map(w -> TargetGroupTuple.builder().targetGroupArn(w.getKey())
                        .weight(w.getValue()).build()).toList())).build();
        return elbv2.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol(protocol).port(port)
                .defaultActions(action)).listeners().get(0).listenerArn();
    }

    /** A listener rule forwarding requests whose path matches {@code pathPattern}. */
    public String pathRule(String listenerArn, int priority, String pathPattern, String targetGroupArn) {
        return elbv2.createRule(r -> r.listenerArn(listenerArn).priority(priority)
                .conditions(c -> c.field("path-pattern").values(pathPattern))
                .actions(forward(targetGroupArn))).rules().get(0).ruleArn();
    }

    /**
     * A classic ELB in the subnets with one listener (same protocol and port on both sides) and the
     * instances registered; returns its name.
     */
    public String classicLoadBalancer(String name, String scheme, List<String> subnetIds,
            List<String> securityGroupIds, int port, String... instanceIds) {
        elb.createLoadBalancer(r -> r.loadBalancerName(name).scheme(scheme).subnets(subnetIds)
                .securityGroups(securityGroupIds)
                .listeners(l -> l.protocol("HTTP").loadBalancerPort(port).instanceProtocol("HTTP").instancePort(port)));
        if (instanceIds.length > 0) {
            elb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName(name).instances(Arrays.stream(instanceIds)
                    .map(id -> software.amazon.awssdk.services.elasticloadbalancing.model.Instance.builder()
                            .instanceId(id).build()).toList()));
        }
        return name;
    }

    private static Action forward(String targetGroupArn) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
    }
}
