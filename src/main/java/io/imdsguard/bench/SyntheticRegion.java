package io.imdsguard.bench;

import io.imdsguard.inventory.Gateway;
import io.imdsguard.inventory.ImdsDefaults;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.MetadataOptions;
import io.imdsguard.inventory.NaclEntry;
import io.imdsguard.inventory.NatGateway;
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
import io.imdsguard.inventory.Vpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * One (account, region) of a synthetic fleet: a VPC per ~2,000 instances (1 to 50), each with three
 * availability zones of public, NAT-routed and isolated subnets, a default NACL that allows all and a
 * custom one on the public subnets that denies part of the internet, ten shared security groups
 * (open to the world, to an office range, to the VPC, to the load balancer's group, ...), and load
 * balancers ({@link SyntheticLoadBalancers}). Instances land 35% in public subnets (70% of those with
 * a public IP), 45% behind NAT and 20% isolated; 60% still allow IMDSv1, 5% are stopped, 10% have a
 * hop limit of 2, 5% a second network interface, 80% an instance profile.
 */
final class SyntheticRegion {
    static final int SG_ALB = 0;
    private static final int VPC_INSTANCES = 2_000;
    private static final String[] AZ = {"a", "b", "c"};

    private final String account;
    private final String region;
    private final Random random;
    private final SyntheticIam iam;
    private final List<Instance> instances = new ArrayList<>();
    private final List<Vpc> vpcs = new ArrayList<>();
    private final List<Subnet> subnets = new ArrayList<>();
    private final List<RouteTable> tables = new ArrayList<>();
    private final List<NetworkAcl> acls = new ArrayList<>();
    private final List<SecurityGroup> groups = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<NatGateway> nats = new ArrayList<>();
    private final SyntheticLoadBalancers lbs;
    private final int regionIndex;
    private final int unit;
    private int nextId;

    SyntheticRegion(String account, String region, int regionIndex, int unit, int count, SyntheticIam iam,
                    Random random) {
        this.account = account;
        this.unit = unit;
        this.region = region;
        this.regionIndex = regionIndex;
        this.random = random;
        this.iam = iam;
        this.lbs = new SyntheticLoadBalancers(this, account, region, random);
        int vpcCount = SyntheticIam.clamp((count + VPC_INSTANCES - 1) / VPC_INSTANCES, 1, 50);
        int made = 0;
        for (int v = 0; v < vpcCount; v++) {
            int here = count / vpcCount + (v < count % vpcCount ? 1 : 0);
            vpc(v, here, made);
            made += here;
        }
    }

    RegionInventory inventory() {
        ImdsDefaults defaults = regionIndex % 2 == 0 ? ImdsDefaults.NO_PREFERENCE
                : new ImdsDefaults("required", 2, null, null, null);
        return new RegionInventory(account, region, defaults, instances, vpcs, subnets, tables, acls, groups,
                gateways, nats, List.of(), lbs.loadBalancers(), lbs.targetGroups(), List.of(), lbs.webAcls());
    }

    private void vpc(int v, int count, int firstInstance) {
        String p = region + "/" + v;
        String vpc = id("vpc", p);
        String cidr = "10." + v + ".0.0/16";
        vpcs.add(new Vpc(vpc, List.of(cidr), List.of(), false));
        String igw = id("igw", p);
        gateways.add(new Gateway(igw, Gateway.INTERNET, List.of(vpc)));
        // Subnet s: zone s % 3, kind s / 3 (0 public, 1 NAT-routed, 2 isolated); a /20 each.
        String[] sn = new String[9];
        for (int s = 0; s < sn.length; s++) {
            sn[s] = id("subnet", p + "/" + s);
            subnets.add(new Subnet(sn[s], vpc, "10." + v + "." + s * 16 + ".0/20", List.of(),
                    region + AZ[s % 3], s < 3));
        }
        String nat = id("nat", p);
        nats.add(new NatGateway(nat, vpc, sn[0], "available", "public", List.of()));
        Route local = new Route(cidr, null, null, "local", "active");
        tables.add(new RouteTable(id("rtb", p + "m"), vpc, true, List.of(), List.of(local)));
        tables.add(new RouteTable(id("rtb", p + "p"), vpc, false, List.of(sn[0], sn[1], sn[2]),
                List.of(local, new Route("0.0.0.0/0", null, null, igw, "active"))));
        tables.add(new RouteTable(id("rtb", p + "n"), vpc, false, List.of(sn[3], sn[4], sn[5]),
                List.of(local, new Route("0.0.0.0/0", null, null, nat, "active"))));
        acls.add(new NetworkAcl(id("acl", p + "d"), vpc, true, List.of(sn[0], sn[3], sn[4], sn[5], sn[6], sn[7], sn[8]),
                allowAll()));
        acls.add(new NetworkAcl(id("acl", p + "e"), vpc, false, List.of(sn[1], sn[2]), edgeAcl()));
        List<String> sgs = securityGroups(p, vpc, cidr);
        List<List<Instance>> bySubnet = new ArrayList<>();
        for (int s = 0; s < sn.length; s++) {
            bySubnet.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int kind = pick(35, 45, 20);
            int s = kind * 3 + random.nextInt(3);
            int n = firstInstance + i;
            Instance instance = instance(n, vpc, sn[s], s, v, bySubnet.get(s).size(), kind == 0, sgs);
            bySubnet.get(s).add(instance);
            instances.add(instance);
        }
        lbs.forVpc(p, vpc, List.of(sn[0], sn[1], sn[2]), sgs.get(SG_ALB), bySubnet, count);
    }

    private List<String> securityGroups(String p, String vpc, String cidr) {
        String alb = id("sg", p + "alb");
        String app = id("sg", p + "app");
        List<SecurityGroupRule> none = List.of();
        List<Object[]> specs = List.of(
                new Object[] {alb, "alb", List.of(tcp(443, "0.0.0.0/0"), tcp(80, "0.0.0.0/0"))},
                new Object[] {id("sg", p + "web"), "web-public", List.of(tcp(443, "0.0.0.0/0"), tcp(80, "0.0.0.0/0"))},
                new Object[] {id("sg", p + "ssh"), "ssh-world", List.of(tcp(22, "0.0.0.0/0"))},
                new Object[] {id("sg", p + "office"), "ssh-office", List.of(tcp(22, "203.0.113.0/24"))},
                new Object[] {app, "app-from-alb", List.of(ref(8080, alb))},
                new Object[] {id("sg", p + "vpc"), "app-from-vpc", List.of(tcp(8080, cidr))},
                new Object[] {id("sg", p + "db"), "db-from-app", List.of(ref(5432, app))},
                new Object[] {id("sg", p + "int"), "internal", List.of(new SecurityGroupRule("-1", null,
                        List.of("10.0.0.0/8"), List.of(), List.of(), List.of()))},
                new Object[] {id("sg", p + "half"), "half-internet", List.of(tcp(8443, "0.0.0.0/1"))},
                new Object[] {id("sg", p + "none"), "default", none});
        List<String> ids = new ArrayList<>();
        for (Object[] spec : specs) {
            @SuppressWarnings("unchecked")
            List<SecurityGroupRule> ingress = (List<SecurityGroupRule>) spec[2];
            groups.add(new SecurityGroup((String) spec[0], (String) spec[1], vpc, ingress, List.of(
                    new SecurityGroupRule("-1", null, List.of("0.0.0.0/0"), List.of(), List.of(), List.of()))));
            ids.add((String) spec[0]);
        }
        return ids;
    }

    private Instance instance(int n, String vpc, String subnet, int s, int v, int inSubnet, boolean publicSubnet,
                              List<String> sgs) {
        String id = String.format("i-%017x", (long) unit << 32 | n);
        String ip = "10." + v + "." + (s * 16 + (inSubnet + 4) / 256) + "." + (inSubnet + 4) % 256;
        String publicIp = publicSubnet && random.nextInt(10) < 7 ? publicIp(n) : null;
        List<String> own = new ArrayList<>();
        // Public hosts mostly face the web; private ones mostly talk to the VPC.
        own.add(sgs.get(publicSubnet ? new int[] {1, 1, 2, 3, 8, 7}[random.nextInt(6)]
                : new int[] {4, 4, 5, 6, 7, 9}[random.nextInt(6)]));
        if (random.nextInt(3) == 0) {
            String second = sgs.get(1 + random.nextInt(sgs.size() - 1));
            if (!own.contains(second)) {
                own.add(second);
            }
        }
        List<NetworkInterface> enis = new ArrayList<>();
        enis.add(new NetworkInterface("eni-" + id.substring(2), 0, subnet, vpc,
                List.of(new PrivateIp(ip, true, publicIp, null)), List.of(), own));
        if (random.nextInt(20) == 0) {
            enis.add(new NetworkInterface("eni-" + id.substring(2, 18) + "1", 1, subnet, vpc,
                    List.of(new PrivateIp(ip.substring(0, ip.lastIndexOf('.') + 1) + (200 + random.nextInt(50)),
                            true, null, null)), List.of(), List.of(sgs.get(7))));
        }
        String tokens = random.nextInt(10) < 6 ? "optional" : "required";
        String state = random.nextInt(20) == 0 ? "stopped" : "running";
        int hop = random.nextInt(10) == 0 ? 2 : 1;
        // A few roles carry most instances, as in real fleets: the square skews towards low indexes.
        double u = random.nextDouble();
        String profile = random.nextInt(5) == 0 ? null : iam.profileArn((int) (u * u * iam.roleCount()));
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("Name", "host-" + id.substring(2, 10) + "-" + n);
        tags.put("Team", new String[] {"payments", "search", "data", "platform"}[n % 4]);
        return new Instance(id, account, region, state, null, tags, vpc, subnet, null, enis,
                new MetadataOptions("applied", tokens, "enabled", hop, "disabled", "disabled"), profile);
    }

    /** Picks 0, 1 or 2 with the given percentages. */
    private int pick(int first, int second, int third) {
        int r = random.nextInt(first + second + third);
        return r < first ? 0 : r < first + second ? 1 : 2;
    }

    /** Public web ports and SSH from the internet, but not from 1.0.0.0/8 and 5.0.0.0/8 (blocked ranges). */
    private static List<NaclEntry> edgeAcl() {
        return List.of(
                new NaclEntry(90, false, "-1", false, "1.0.0.0/8", null, null),
                new NaclEntry(95, false, "-1", false, "5.0.0.0/8", null, null),
                new NaclEntry(100, false, "6", true, "0.0.0.0/0", null, new PortRange(443, 443)),
                new NaclEntry(110, false, "6", true, "0.0.0.0/0", null, new PortRange(80, 80)),
                new NaclEntry(120, false, "6", true, "0.0.0.0/0", null, new PortRange(22, 22)),
                new NaclEntry(130, false, "-1", true, "10.0.0.0/8", null, null),
                new NaclEntry(32767, false, "-1", false, "0.0.0.0/0", null, null),
                new NaclEntry(100, true, "6", true, "0.0.0.0/0", null, new PortRange(1024, 65535)),
                new NaclEntry(110, true, "-1", true, "10.0.0.0/8", null, null),
                new NaclEntry(32767, true, "-1", false, "0.0.0.0/0", null, null));
    }

    private static List<NaclEntry> allowAll() {
        return List.of(new NaclEntry(100, false, "-1", true, "0.0.0.0/0", null, null),
                new NaclEntry(32767, false, "-1", false, "0.0.0.0/0", null, null),
                new NaclEntry(100, true, "-1", true, "0.0.0.0/0", null, null),
                new NaclEntry(32767, true, "-1", false, "0.0.0.0/0", null, null));
    }

    private static SecurityGroupRule tcp(int port, String cidr) {
        return new SecurityGroupRule("tcp", new PortRange(port, port), List.of(cidr), List.of(), List.of(), List.of());
    }

    private static SecurityGroupRule ref(int port, String group) {
        return new SecurityGroupRule("tcp", new PortRange(port, port), List.of(), List.of(), List.of(), List.of(group));
    }

    private String publicIp(int n) {
        int first = new int[] {3, 18, 34, 44, 52, 54}[(regionIndex + account.hashCode()) & 3];
        return first + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /**
     * A resource id unique in the fleet: the unit and a counter (ids are made in a fixed order, so they are
     * stable); {@code name} only documents what the id is for at the call site.
     */
    String id(String prefix, String name) {
        return prefix + "-" + String.format("%017x", (long) unit << 24 | nextId++);
    }
}
