package io.imdsguard.collect;

import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.ClassicLoadBalancer;
import io.imdsguard.inventory.ClassicLoadBalancer.ClassicListener;
import io.imdsguard.inventory.Listener;
import io.imdsguard.inventory.ListenerRule;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.Target;
import io.imdsguard.inventory.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static io.imdsguard.inventory.AwsApi.DESCRIBE_LISTENERS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_LOAD_BALANCERS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_RULES;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_TARGET_GROUPS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_TARGET_GROUP_ATTRIBUTES;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_TARGET_HEALTH;

/**
 * Reads one region's ELBv2 load balancers (listeners, rules, target groups, registered targets)
 * and classic ELBs. Calls are per load balancer, listener or target group, never per instance. The two
 * kinds are separate APIs and are collected separately, so that one failing costs nothing of the other.
 */
final class ElbCollector {
    static final String SERVICE = AwsApi.ELBV2;
    static final String CLASSIC_SERVICE = AwsApi.ELB;
    private static final String PRESERVE_CLIENT_IP = "preserve_client_ip.enabled";
    /** Target-group protocols that only NLBs use; preserve_client_ip means nothing elsewhere. */
    private static final Set<String> NLB_PROTOCOLS = Set.of("TCP", "UDP", "TLS", "TCP_UDP", "QUIC", "TCP_QUIC");

    private final ElasticLoadBalancingV2Client elbv2;
    private final ElasticLoadBalancingClient elb;
    private final AwsCalls calls;
    private final AwsCalls classicCalls;

    ElbCollector(ElasticLoadBalancingV2Client elbv2, ElasticLoadBalancingClient elb, AwsCalls calls,
                 AwsCalls classicCalls) {
        this.elbv2 = elbv2;
        this.elb = elb;
        this.calls = calls;
        this.classicCalls = classicCalls;
    }

    /** ELBv2 load balancers (with listeners and rules) and target groups (with targets). */
    ElbInventory collectV2() {
        List<LoadBalancer> lbs = calls.list(DESCRIBE_LOAD_BALANCERS, "load balancer",
                        () -> elbv2.describeLoadBalancersPaginator(r -> { }).loadBalancers().stream().toList(),
                        software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer::loadBalancerArn,
                        this::loadBalancer).stream()
                .sorted(Comparator.comparing(LoadBalancer::arn)).toList();
        List<TargetGroup> groups = calls.list(DESCRIBE_TARGET_GROUPS, "target group",
                        () -> elbv2.describeTargetGroupsPaginator(r -> { }).targetGroups().stream().toList(),
                        software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup::targetGroupArn,
                        this::targetGroup).stream()
                .sorted(Comparator.comparing(TargetGroup::arn)).toList();
        return new ElbInventory(lbs, groups);
    }

    List<ClassicLoadBalancer> collectClassic() {
        return classicCalls.list(DESCRIBE_LOAD_BALANCERS, "classic load balancer",
                        () -> elb.describeLoadBalancersPaginator(r -> { }).loadBalancerDescriptions().stream().toList(),
                        LoadBalancerDescription::loadBalancerName, ElbCollector::classic).stream()
                .sorted(Comparator.comparing(ClassicLoadBalancer::name)).toList();
    }

    private LoadBalancer loadBalancer(software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer lb) {
        List<Listener> listeners = calls.mapEach(DESCRIBE_LISTENERS, "listener", calls.callIfExists(DESCRIBE_LISTENERS,
                        () -> elbv2.describeListenersPaginator(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners()
                                .stream().toList()).orElse(List.of()),
                        software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener::listenerArn,
                        l -> new Listener(l.listenerArn(), l.protocolAsString(), l.port() == null ? 0 : l.port(),
                                forwardTargets(l.defaultActions()), rules(l.listenerArn()))).stream()
                .sorted(Comparator.comparingInt(Listener::port).thenComparing(Listener::arn)).toList();
        return loadBalancer(lb, listeners);
    }

    /** The SDK record with its listeners already read; no call to AWS. */
    static LoadBalancer loadBalancer(software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer lb,
                                     List<Listener> listeners) {
        return new LoadBalancer(lb.loadBalancerArn(), lb.loadBalancerName(), lb.typeAsString(), lb.schemeAsString(),
                lb.state() == null ? null : lb.state().codeAsString(), lb.vpcId(),
                lb.availabilityZones().stream().map(z -> z.subnetId()).filter(Objects::nonNull).sorted().toList(),
                lb.securityGroups().stream().sorted().toList(), lb.dnsName(), listeners, lb.ipAddressTypeAsString());
    }

    /** Non-default rules only: the default rule repeats the listener's default actions. */
    private List<ListenerRule> rules(String listenerArn) {
        List<Rule> listed = calls.callIfExists(DESCRIBE_RULES, () -> elbv2.describeRulesPaginator(r -> r.listenerArn(listenerArn))
                .rules().stream().filter(rule -> !Boolean.TRUE.equals(rule.isDefault())).toList()).orElse(List.of());
        return calls.mapEach(DESCRIBE_RULES, "listener rule", listed, Rule::ruleArn,
                        rule -> new ListenerRule(rule.ruleArn(), rule.priority(), forwardTargets(rule.actions()))).stream()
                .sorted(Comparator.comparing(ListenerRule::arn)).toList();
    }

    /** Every target group a list of actions can forward to, weighted forwards included. */
    static List<String> forwardTargets(List<Action> actions) {
        return actions.stream()
                .filter(a -> "forward".equalsIgnoreCase(a.typeAsString()))
                .flatMap(a -> Stream.concat(Stream.ofNullable(a.targetGroupArn()),
                        a.forwardConfig() == null ? Stream.empty()
                                : a.forwardConfig().targetGroups().stream().map(t -> t.targetGroupArn())))
                .filter(Objects::nonNull).distinct().sorted().toList();
    }

    private TargetGroup targetGroup(software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup tg) {
        List<TargetHealthDescription> health = calls.callIfExists(DESCRIBE_TARGET_HEALTH,
                () -> elbv2.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions())
                .orElse(List.of());
        List<Target> targets = calls.mapEach(DESCRIBE_TARGET_HEALTH, "target of " + tg.targetGroupArn(), health,
                        d -> d.target().id(), ElbCollector::target).stream()
                .sorted(Comparator.comparing(Target::id).thenComparing(t -> t.port() == null ? 0 : t.port())).toList();
        return new TargetGroup(tg.targetGroupArn(), tg.targetGroupName(), tg.protocolAsString(), tg.port(),
                tg.targetTypeAsString(), tg.vpcId(), tg.loadBalancerArns().stream().distinct().sorted().toList(),
                preserveClientIp(tg), targets);
    }

    private Boolean preserveClientIp(software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup tg) {
        String protocol = tg.protocolAsString() == null ? "" : tg.protocolAsString().toUpperCase(Locale.ROOT);
        if (!NLB_PROTOCOLS.contains(protocol)) {
            return null;
        }
        return calls.callIfExists(DESCRIBE_TARGET_GROUP_ATTRIBUTES,
                        () -> elbv2.describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())).attributes())
                .orElse(List.of()).stream()
                .filter(a -> PRESERVE_CLIENT_IP.equals(a.key()) && a.value() != null)
                .map(a -> Boolean.valueOf(a.value().trim()))
                .findFirst().orElse(null);
    }

    private static Target target(TargetHealthDescription d) {
        String health = d.targetHealth() == null ? null : d.targetHealth().stateAsString();
        return new Target(d.target().id(), d.target().port(), d.target().availabilityZone(), health);
    }

    private static ClassicLoadBalancer classic(LoadBalancerDescription d) {
        List<ClassicListener> listeners = d.listenerDescriptions().stream()
                .filter(ld -> ld.listener() != null)
                .map(ld -> ld.listener())
                .map(l -> new ClassicListener(l.protocol(), l.loadBalancerPort() == null ? 0 : l.loadBalancerPort(), l.instanceProtocol(),
                        l.instancePort() == null ? 0 : l.instancePort()))
                .toList();
        return new ClassicLoadBalancer(d.loadBalancerName(), d.scheme(), d.vpcId(),
                d.subnets().stream().sorted().toList(), d.securityGroups().stream().sorted().toList(), listeners,
                d.instances().stream().map(i -> i.instanceId()).filter(Objects::nonNull).sorted().toList());
    }
}
