package io.imdsguard.bench;

import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.Listener;
import io.imdsguard.inventory.ListenerRule;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.Target;
import io.imdsguard.inventory.TargetGroup;
import io.imdsguard.inventory.WebAcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The load balancers of one synthetic region: one per ~500 instances of a VPC (1 to 20), 65% ALBs and
 * 35% NLBs, 60% internet-facing, each with two to four target groups (80% instance targets, 20% ip
 * targets) of up to 15 targets drawn mostly from the NAT-routed subnets. ALBs forward through a
 * default action and listener rules; NLBs through a listener per target group, half of them without
 * security groups, some with client IP preservation turned off. A third of the internet-facing ALBs
 * sit behind a WAF web ACL with AWSManagedRulesCommonRuleSet, a quarter of those with the SSRF rule
 * overridden to Count.
 */
final class SyntheticLoadBalancers {
    private final SyntheticRegion ids;
    private final String account;
    private final String region;
    private final Random random;
    private final List<LoadBalancer> loadBalancers = new ArrayList<>();
    private final List<TargetGroup> targetGroups = new ArrayList<>();
    private final List<WebAcl> webAcls = new ArrayList<>();

    SyntheticLoadBalancers(SyntheticRegion ids, String account, String region, Random random) {
        this.ids = ids;
        this.account = account;
        this.region = region;
        this.random = random;
    }

    List<LoadBalancer> loadBalancers() {
        return loadBalancers;
    }

    List<TargetGroup> targetGroups() {
        return targetGroups;
    }

    List<WebAcl> webAcls() {
        return webAcls;
    }

    /** Load balancers in {@code vpc}'s public subnets for the instances of {@code bySubnet} (index as in the VPC). */
    void forVpc(String name, String vpc, List<String> publicSubnets, String albGroup, List<List<Instance>> bySubnet,
                int instances) {
        int count = SyntheticIam.clamp(instances / 500, 1, 20);
        for (int l = 0; l < count; l++) {
            boolean nlb = random.nextInt(100) < 35;
            String lbName = (nlb ? "nlb-" : "alb-") + ids.id("lb", name).substring(3);
            String arn = "arn:aws:elasticloadbalancing:" + region + ":" + account + ":loadbalancer/"
                    + (nlb ? "net/" : "app/") + lbName + "/" + ids.id("", "lb-suffix").substring(1);
            int groups = 2 + random.nextInt(3);
            List<String> tgArns = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                tgArns.add(targetGroup(arn, lbName + "-" + g, vpc, nlb, bySubnet));
            }
            List<Listener> listeners = new ArrayList<>();
            if (nlb) {
                for (int g = 0; g < groups; g++) {
                    listeners.add(new Listener(arn + "/l" + g, "TCP", g == 0 ? 443 : 8000 + g,
                            List.of(tgArns.get(g)), List.of()));
                }
            } else {
                List<ListenerRule> rules = new ArrayList<>();
                for (int g = 1; g < groups; g++) {
                    rules.add(new ListenerRule(arn + "/r" + g, String.valueOf(g * 10), List.of(tgArns.get(g))));
                }
                listeners.add(new Listener(arn + "/https", "HTTPS", 443, List.of(tgArns.get(0)), rules));
                listeners.add(new Listener(arn + "/http", "HTTP", 80, List.of(tgArns.get(0)), List.of()));
            }
            boolean internetFacing = random.nextInt(10) < 6;
            List<String> groupsOfLb = nlb && random.nextBoolean() ? List.of() : List.of(albGroup);
            loadBalancers.add(new LoadBalancer(arn, lbName, nlb ? "network" : "application",
                    internetFacing ? "internet-facing" : "internal", "active", vpc, publicSubnets, groupsOfLb,
                    lbName + "." + region + ".elb.example", listeners));
            if (!nlb && internetFacing && random.nextInt(3) == 0) {
                boolean ssrfCounted = random.nextInt(4) == 0;
                webAcls.add(new WebAcl("arn:aws:wafv2:" + region + ":" + account + ":regional/webacl/waf-" + lbName
                        + "/" + ids.id("", "waf").substring(1), "waf-" + lbName, List.of(arn),
                        List.of(new WebAcl.ManagedRuleGroup("AWS", "AWSManagedRulesCommonRuleSet", false,
                                ssrfCounted ? List.of("EC2MetaDataSSRF_BODY") : List.of()))));
            }
        }
    }

    private String targetGroup(String lbArn, String name, String vpc, boolean nlb, List<List<Instance>> bySubnet) {
        String arn = "arn:aws:elasticloadbalancing:" + region + ":" + account + ":targetgroup/" + name + "/"
                + ids.id("", "tg").substring(1);
        boolean ipTargets = random.nextInt(5) == 0;
        int port = nlb ? 443 : 8080;
        List<Target> targets = new ArrayList<>();
        int wanted = 1 + random.nextInt(15);
        for (int t = 0; t < wanted; t++) {
            // Mostly NAT-routed subnets (3-5), sometimes public ones (0-2).
            int s = random.nextInt(4) == 0 ? random.nextInt(3) : 3 + random.nextInt(3);
            List<Instance> pool = bySubnet.get(s);
            if (pool.isEmpty()) {
                continue;
            }
            Instance instance = pool.get(random.nextInt(pool.size()));
            String id = ipTargets ? instance.interfaces().get(0).privateIps().get(0).privateIp()
                    : instance.instanceId();
            if (targets.stream().noneMatch(existing -> existing.id().equals(id))) {
                targets.add(new Target(id, port, null, "healthy"));
            }
        }
        Boolean preserveClientIp = nlb && random.nextInt(10) < 3 ? Boolean.FALSE : null;
        targetGroups.add(new TargetGroup(arn, name, nlb ? "TCP" : "HTTP", port, ipTargets ? "ip" : "instance", vpc,
                List.of(lbArn), preserveClientIp, targets));
        return arn;
    }
}
