package io.imdsguard.collect;

import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.InstanceSpec;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeds one region of the emulator with many instances and several load balancers, for the
 * call-count and latency tests: a VPC with two subnets, {@code instances} instances launched in
 * batches (one RunInstances call per 500), {@code albs} ALBs and {@code nlbs} NLBs, each with two
 * target groups on two listeners (an ALB's second target group behind a listener rule) and a few
 * registered targets.
 */
final class ScaleFleet {
    private static final int BATCH = 500;

    private ScaleFleet() {
    }

    static void seed(AwsEmulator aws, String region, int instances, int albs, int nlbs) {
        try (Ec2Client ec2 = aws.client(Ec2Client.builder(), region);
             ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder(), region)) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.7.0.0/16")).vpc().vpcId();
            String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.7.0.0/20").availabilityZone(region + "a"))
                    .subnet().subnetId();
            String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.7.16.0/20").availabilityZone(region + "b"))
                    .subnet().subnetId();
            String sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("scale").description("scale"))
                    .groupId();
            List<String> ids = new ArrayList<>();
            for (int left = instances; left > 0; left -= BATCH) {
                int n = Math.min(BATCH, left);
                ec2.runInstances(r -> r.imageId(InstanceSpec.MOTO_AMI).instanceType("t3.micro").minCount(n).maxCount(n)
                                .subnetId(ids.size() % 2 == 0 ? a : b).securityGroupIds(sg))
                        .instances().stream().map(Instance::instanceId).forEach(ids::add);
            }
            for (int l = 0; l < albs + nlbs; l++) {
                boolean nlb = l >= albs;
                String name = (nlb ? "nlb-" : "alb-") + l;
                String lb = elb.createLoadBalancer(r -> r.name(name).scheme("internet-facing")
                        .type(nlb ? LoadBalancerTypeEnum.NETWORK : LoadBalancerTypeEnum.APPLICATION)
                        .subnets(a, b).securityGroups(nlb ? List.of() : List.of(sg))).loadBalancers().get(0)
                        .loadBalancerArn();
                List<String> groups = new ArrayList<>();
                for (int g = 0; g < 2; g++) {
                    String tgName = name + "-tg" + g;
                    String tg = elb.createTargetGroup(r -> r.name(tgName).vpcId(vpc).targetType("instance")
                            .protocol(nlb ? "TCP" : "HTTP").port(8080)).targetGroups().get(0).targetGroupArn();
                    groups.add(tg);
                    int from = Math.min(ids.size(), l * 3 + g);
                    List<String> targets = ids.subList(from, Math.min(ids.size(), from + 3));
                    if (!targets.isEmpty()) {
                        elb.registerTargets(r -> r.targetGroupArn(tg).targets(targets.stream()
                                .map(id -> TargetDescription.builder().id(id).port(8080).build()).toList()));
                    }
                }
                String first = elb.createListener(r -> r.loadBalancerArn(lb).protocol(nlb ? "TCP" : "HTTP").port(80)
                        .defaultActions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(groups.get(0))))
                        .listeners().get(0).listenerArn();
                if (nlb) {
                    elb.createListener(r -> r.loadBalancerArn(lb).protocol("TCP").port(81)
                            .defaultActions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(groups.get(1))));
                } else {
                    elb.createRule(r -> r.listenerArn(first).priority(10)
                            .conditions(c -> c.field("path-pattern").values("/api/*"))
                            .actions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(groups.get(1))));
                }
            }
        }
    }
}
