package io.imdsguard.bench;

import io.imdsguard.inventory.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a large, varied, deterministic fleet snapshot for benchmarks: public and private subnets,
 * NAT routes, NACLs with partial denies, security groups referencing each other, ALBs with target
 * groups, and a few hundred roles with varied S3 grants.
 * <p>Usage: {@code SyntheticFleet <instances> <output.json> [seed]}.
 */
public final class SyntheticFleet {
    private static final String ACCOUNT = "210987654321";
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    private static final int VPCS_PER_REGION = 25;
    private static final int ROLES = 300;

    private final Random random;

    private SyntheticFleet(long seed) {
        random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        int instances = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        SnapshotIO.write(generate(instances, seed), out);
        System.err.println("wrote " + instances + " instances to " + out);
    }

    public static Snapshot generate(int instances, long seed) {
        SyntheticFleet fleet = new SyntheticFleet(seed);
        List<RegionInventory> regions = new ArrayList<>();
        int perRegion = instances / REGIONS.size();
        for (int r = 0; r < REGIONS.size(); r++) {
            int count = r == REGIONS.size() - 1 ? instances - perRegion * r : perRegion;
            regions.add(fleet.region(r, REGIONS.get(r), count));
        }
        return new Snapshot(Snapshot.SCHEMA_VERSION, Instant.parse("2026-11-01T00:00:00Z"), List.of(ACCOUNT), REGIONS,
                List.of(fleet.iam()), regions, List.of());
    }

    private RegionInventory region(int r, String region, int instanceCount) {
        List<Instance> instances = new ArrayList<>(instanceCount);
        List<Vpc> vpcs = new ArrayList<>();
        List<Subnet> subnets = new ArrayList<>();
        List<RouteTable> tables = new ArrayList<>();
        List<NetworkAcl> acls = new ArrayList<>();
        List<SecurityGroup> groups = new ArrayList<>();
        List<Gateway> gateways = new ArrayList<>();
        List<NatGateway> nats = new ArrayList<>();
        List<LoadBalancer> lbs = new ArrayList<>();
        List<TargetGroup> tgs = new ArrayList<>();
        int perVpc = Math.max(1, instanceCount / VPCS_PER_REGION);
        int made = 0;
        for (int v = 0; v < VPCS_PER_REGION && made < instanceCount; v++) {
            String p = r + "" + v;
            String vpc = id("vpc", p);
            String cidr = "10." + v + ".0.0/16";
            vpcs.add(new Vpc(vpc, List.of(cidr), List.of(), false));
            String igw = id("igw", p);
            gateways.add(new Gateway(igw, Gateway.INTERNET, List.of(vpc)));
            String nat = id("nat", p);
            String[] sn = {id("subnet", p + "0"), id("subnet", p + "1"), id("subnet", p + "2"), id("subnet", p + "3")};
            for (int s = 0; s < sn.length; s++) {
                subnets.add(new Subnet(sn[s], vpc, "10." + v + "." + s + ".0/24", List.of(), region + "a", s < 2));
            }
            nats.add(new NatGateway(nat, vpc, sn[0], "available", "public", List.of()));
            Route local = new Route(cidr, null, null, "local", "active");
            tables.add(new RouteTable(id("rtb", p + "m"), vpc, true, List.of(), List.of(local)));
            tables.add(new RouteTable(id("rtb", p + "p"), vpc, false, List.of(sn[0], sn[1]),
                    List.of(local, new Route("0.0.0.0/0", null, null, igw, "active"))));
            tables.add(new RouteTable(id("rtb", p + "n"), vpc, false, List.of(sn[2], sn[3]),
                    List.of(local, new Route("0.0.0.0/0", null, null, nat, "active"))));
            acls.add(new NetworkAcl(id("acl", p + "d"), vpc, true, List.of(sn[0], sn[2], sn[3]), allowAll()));
            acls.add(new NetworkAcl(id("acl", p + "c"), vpc, false, List.of(sn[1]), List.of(
                    new NaclEntry(90, false, "-1", false, "1.0.0.0/8", null, null),
                    new NaclEntry(100, false, "6", true, "0.0.0.0/0", null, new PortRange(443, 443)),
                    new NaclEntry(110, false, "6", true, "0.0.0.0/0", null, new PortRange(22, 22)),
                    new NaclEntry(32767, false, "-1", false, "0.0.0.0/0", null, null),
                    new NaclEntry(100, true, "6", true, "0.0.0.0/0", null, new PortRange(1024, 65535)),
                    new NaclEntry(32767, true, "-1", false, "0.0.0.0/0", null, null))));
            String sgAlb = id("sg", p + "alb");
            groups.add(new SecurityGroup(sgAlb, "alb", vpc, List.of(rule(443, "0.0.0.0/0")), egress()));
            List<String> sgs = new ArrayList<>();
            for (int g = 0; g < 12; g++) {
                String sg = id("sg", p + "g" + g);
                sgs.add(sg);
                SecurityGroupRule in = switch (g % 4) {
                    case 0 -> rule(443, "0.0.0.0/0");
                    case 1 -> rule(22, "10.0.0.0/8");
                    case 2 -> new SecurityGroupRule("tcp", new PortRange(8080, 8080), List.of(), List.of(), List.of(), List.of(sgAlb));
                    default -> rule(22, "203.0.113.0/24");
                };
                groups.add(new SecurityGroup(sg, "g" + g, vpc, List.of(in), egress()));
            }
            String albArn = "arn:aws:elasticloadbalancing:" + region + ":" + ACCOUNT + ":loadbalancer/app/lb" + p + "/" + p;
            String tgArn = "arn:aws:elasticloadbalancing:" + region + ":" + ACCOUNT + ":targetgroup/tg" + p + "/" + p;
            List<Target> targets = new ArrayList<>();
            int here = v == VPCS_PER_REGION - 1 ? instanceCount - made : Math.min(perVpc, instanceCount - made);
            for (int i = 0; i < here; i++, made++) {
                int s = random.nextInt(4);
                String iid = String.format("i-%017x", ((long) r << 40) | made);
                String ip = "10." + v + "." + s + "." + (i % 250 + 4);
                boolean publicIp = s < 2 && random.nextInt(3) > 0;
                String sg = sgs.get(random.nextInt(sgs.size()));
                if (s >= 2 && targets.size() < 40 && random.nextInt(10) == 0) {
                    targets.add(new Target(iid, 8080, region + "a", "healthy"));
                }
                instances.add(instance(iid, region, vpc, sn[s], ip, publicIp ? publicIp(r, made) : null, sg));
            }
            lbs.add(new LoadBalancer(albArn, "lb" + p, "application", random.nextBoolean() ? "internet-facing" : "internal",
                    "active", vpc, List.of(sn[0], sn[1]), List.of(sgAlb), "lb" + p + ".example",
                    List.of(new Listener(albArn + "/l", "HTTPS", 443, List.of(tgArn), List.of()))));
            tgs.add(new TargetGroup(tgArn, "tg" + p, "HTTP", 8080, "instance", vpc, List.of(albArn), null, targets));
        }
        return new RegionInventory(ACCOUNT, region, r == 0 ? ImdsDefaults.NO_PREFERENCE
                : new ImdsDefaults("required", 2, null, null, null), instances, vpcs, subnets, tables, acls, groups,
                gateways, nats, List.of(), lbs, tgs, List.of(), List.of());
    }

    private Instance instance(String id, String region, String vpc, String subnet, String ip, String publicIp, String sg) {
        String tokens = random.nextInt(5) == 0 ? "required" : "optional";
        String state = random.nextInt(20) == 0 ? "stopped" : "running";
        int hop = random.nextInt(8) == 0 ? 2 : 1;
        String profile = random.nextInt(6) == 0 ? null
                : "arn:aws:iam::" + ACCOUNT + ":instance-profile/role-" + random.nextInt(ROLES);
        NetworkInterface eni = new NetworkInterface("eni-" + id.substring(2), 0, subnet, vpc,
                List.of(new PrivateIp(ip, true, publicIp, null)), List.of(), List.of(sg));
        return new Instance(id, ACCOUNT, region, state, null, Map.of("Name", "host-" + id.substring(2, 10)), vpc, subnet,
                null, List.of(eni), new MetadataOptions("applied", tokens, "enabled", hop, "disabled", "disabled"), profile);
    }

    private AccountInventory iam() {
        List<Role> roles = new ArrayList<>();
        List<InstanceProfile> profiles = new ArrayList<>();
        List<ManagedPolicy> managed = new ArrayList<>();
        for (int i = 0; i < ROLES; i++) {
            String name = "role-" + i;
            String arn = "arn:aws:iam::" + ACCOUNT + ":role/" + name;
            String doc = switch (i % 5) {
                case 0 -> statement("Allow", "\"s3:GetObject\",\"s3:ListBucket\"", "\"*\"", "");
                case 1 -> statement("Allow", "\"s3:Get*\"", "\"arn:aws:s3:::bucket-" + i + "/*\"", "");
                case 2 -> statement("Allow", "\"s3:*\"", "\"arn:aws:s3:::bucket-" + i + "\",\"arn:aws:s3:::bucket-" + i + "/*\"",
                        ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}");
                case 3 -> statement("Allow", "\"ec2:Describe*\"", "\"*\"", "");
                default -> statement("Allow", "\"s3:ListBucket\"", "\"arn:aws:s3:::bucket-" + i + "/*\"", "");
            };
            String policyArn = "arn:aws:iam::" + ACCOUNT + ":policy/p-" + i;
            managed.add(new ManagedPolicy(policyArn, "p-" + i, "v1", List.of(new ManagedPolicy.Version("v1", true, doc))));
            roles.add(new Role(arn, name, "AROA" + i, List.of(), List.of(policyArn), null));
            profiles.add(new InstanceProfile("arn:aws:iam::" + ACCOUNT + ":instance-profile/" + name, name, List.of(arn)));
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int b = 0; b < 200; b++) {
            buckets.add(new Bucket("bucket-" + b, REGIONS.get(b % 2)));
        }
        return new AccountInventory(ACCOUNT, roles, profiles, managed, buckets);
    }

    private static String statement(String effect, String actions, String resources, String extra) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":[" + actions
                + "],\"Resource\":[" + resources + "]" + extra + "}]}";
    }

    private static String id(String prefix, String suffix) {
        return prefix + "-" + String.format("%017x", Math.abs(suffix.hashCode()) * 7919L);
    }

    private static String publicIp(int region, int n) {
        return (region == 0 ? 54 : 34) + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static SecurityGroupRule rule(int port, String cidr) {
        return new SecurityGroupRule("tcp", new PortRange(port, port), List.of(cidr), List.of(), List.of(), List.of());
    }

    private static List<SecurityGroupRule> egress() {
        return List.of(new SecurityGroupRule("-1", null, List.of("0.0.0.0/0"), List.of(), List.of(), List.of()));
    }

    private static List<NaclEntry> allowAll() {
        return List.of(new NaclEntry(100, false, "-1", true, "0.0.0.0/0", null, null),
                new NaclEntry(32767, false, "-1", false, "0.0.0.0/0", null, null),
                new NaclEntry(100, true, "-1", true, "0.0.0.0/0", null, null),
                new NaclEntry(32767, true, "-1", false, "0.0.0.0/0", null, null));
    }
}
