package io.imdsguard.analyze.network;

import io.imdsguard.inventory.Gateway;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.Listener;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.NaclEntry;
import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.NetworkInterface;
import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.PrivateIp;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Route;
import io.imdsguard.inventory.RouteTable;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.SecurityGroupRule;
import io.imdsguard.inventory.Subnet;
import io.imdsguard.inventory.Target;
import io.imdsguard.inventory.TargetGroup;
import io.imdsguard.inventory.Vpc;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Performance smoke: a generated fleet of 20,000 instances over 100 subnets is analysed in one go
 * and the reachable set matches what the generator built in. No timing assertion (shared CI
 * machines); the elapsed time is printed for whoever wants it.
 */
class NetworkScaleTest {
    private static final int INSTANCES = 20_000;
    private static final int SUBNETS = 100;
    private static final String VPC = "vpc-scale";
    private static final String ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/scale/1";
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/scale/1";

    @Test
    void analysesTwentyThousandInstancesWithExpectedCounts() {
        List<Subnet> subnets = new ArrayList<>();
        List<String> publicSubnets = new ArrayList<>();
        for (int s = 0; s < SUBNETS; s++) {
            subnets.add(new Subnet("subnet-" + s, VPC, "10.0." + s + ".0/24", List.of(), "us-east-1a", false));
            if (publicSubnet(s)) {
                publicSubnets.add("subnet-" + s);
            }
        }
        List<Instance> instances = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        int expectDirect = 0;
        int expectViaAlb = 0;
        int expectReachable = 0;
        for (int i = 0; i < INSTANCES; i++) {
            int s = i % SUBNETS;
            boolean open = (i / SUBNETS) % 2 == 0;
            boolean publicIp = i % 3 != 0;
            boolean running = i % 7 != 0;
            boolean albTarget = i % 10 == 5;
            List<String> groups = new ArrayList<>(List.of(open ? "sg-open" : "sg-closed"));
            if (albTarget) {
                groups.add("sg-app");
                targets.add(new Target(id(i), null, null, "healthy"));
            }
            String privateIp = "10.0." + s + "." + (i / SUBNETS % 250 + 4);
            String publicAddress = publicIp ? "54.0." + (i / 256 % 256) + "." + (i % 256) : null;
            NetworkInterface eni = new NetworkInterface("eni-" + i, 0, "subnet-" + s, VPC,
                    List.of(new PrivateIp(privateIp, true, publicAddress, null)), List.of(), groups);
            instances.add(new Instance(id(i), "123456789012", "us-east-1", running ? "running" : "stopped", null, Map.of(),
                    VPC, "subnet-" + s, null, List.of(eni), null, null));
            boolean direct = running && publicSubnet(s) && open && publicIp;
            boolean viaAlb = running && albTarget;
            expectDirect += direct ? 1 : 0;
            expectViaAlb += viaAlb ? 1 : 0;
            expectReachable += direct || viaAlb ? 1 : 0;
        }
        RegionInventory region = new RegionInventory("123456789012", "us-east-1", null, instances,
                List.of(new Vpc(VPC, List.of("10.0.0.0/16"), List.of(), false)), subnets,
                List.of(new RouteTable("rtb-main", VPC, true, List.of(), List.of(new Route("0.0.0.0/0", null, null, "nat-1", null))),
                        new RouteTable("rtb-pub", VPC, false, publicSubnets,
                                List.of(new Route("0.0.0.0/0", null, null, "igw-1", null)))),
                List.of(new NetworkAcl("acl-default", VPC, true, List.of(), List.of(
                        new NaclEntry(100, false, "-1", true, "0.0.0.0/0", null, null),
                        new NaclEntry(100, true, "-1", true, "0.0.0.0/0", null, null)))),
                List.of(group("sg-open", rule(22, List.of("0.0.0.0/0"), List.of())),
                        group("sg-closed", rule(22, List.of("10.0.0.0/8"), List.of())),
                        group("sg-alb", rule(443, List.of("0.0.0.0/0"), List.of())),
                        group("sg-app", rule(8080, List.of(), List.of("sg-alb")))),
                List.of(new Gateway("igw-1", Gateway.INTERNET, List.of(VPC))), List.of(), List.of(),
                List.of(new LoadBalancer(ALB, "scale", "application", "internet-facing", "active", VPC, publicSubnets.subList(0, 2),
                        List.of("sg-alb"), null, List.of(new Listener("listener-443", "HTTPS", 443, List.of(TG), List.of())))),
                List.of(new TargetGroup(TG, "scale", "HTTP", 8080, "instance", VPC, List.of(ALB), null, targets)),
                List.of(), List.of());

        long started = System.nanoTime();
        NetworkAnalysis analysis = new ReachabilityAnalyzer(ExposureSettings.DEFAULT).analyze(region);
        System.out.printf("analysed %d instances in %d ms%n", INSTANCES, (System.nanoTime() - started) / 1_000_000);

        assertThat(analysis.byInstance()).hasSize(INSTANCES);
        assertThat(analysis.byInstance().values().stream().filter(InstanceReachability::reachable).count())
                .isEqualTo(expectReachable);
        assertThat(countPaths(analysis, PathKind.DIRECT)).isEqualTo(expectDirect);
        assertThat(countPaths(analysis, PathKind.LOAD_BALANCER)).isEqualTo(expectViaAlb);
        assertThat(analysis.forwards()).hasSize(INSTANCES / 10);
        // i-5 sits in private subnet 5 behind the ALB only; i-52 is direct only (public subnet 52, open, public IP)
        assertThat(analysis.of(id(5)).paths()).extracting(ExposurePath::kind).containsExactly(PathKind.LOAD_BALANCER);
        assertThat(analysis.of(id(52)).paths()).extracting(ExposurePath::kind, p -> p.ports().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PathKind.DIRECT, "22"));
    }

    private static boolean publicSubnet(int s) {
        return s >= SUBNETS / 2;
    }

    private static long countPaths(NetworkAnalysis analysis, PathKind kind) {
        return analysis.byInstance().values().stream().flatMap(r -> r.paths().stream()).filter(p -> p.kind() == kind).count();
    }

    private static String id(int i) {
        return String.format("i-%05d", i);
    }

    private static SecurityGroup group(String id, SecurityGroupRule rule) {
        return new SecurityGroup(id, id, VPC, List.of(rule), List.of());
    }

    private static SecurityGroupRule rule(int port, List<String> cidrs, List<String> groups) {
        return new SecurityGroupRule("tcp", new PortRange(port, port), cidrs, List.of(), List.of(), groups);
    }
}
