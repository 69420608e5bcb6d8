package io.imdsguard.examples;

import io.imdsguard.inventory.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bundled example fleet (examples/demo-fleet.json), built from the inventory records so it always
 * matches the model. Each instance is there to make one rule fire, or to show one that must not:
 * <ul>
 *   <li>web-frontend: public, IMDSv1, role reads S3 -> IMDS-001</li>
 *   <li>batch-export: public, IMDSv1, role reads S3 only under a condition -> IMDS-001 (conditional)</li>
 *   <li>bastion: public SSH, IMDSv1, role without S3 (a non-default policy version would grant it) -> IMDS-002</li>
 *   <li>checkout-app: private, behind an internet-facing ALB without WAF, role reads S3 -> IMDS-001, IMDS-006</li>
 *   <li>queue-worker: private, no role, hop limit 2 -> IMDS-003, IMDS-005</li>
 *   <li>hardened-api: public but IMDSv2 required -> nothing; old-build: stopped -> nothing</li>
 *   <li>eu-west-1 requires IMDSv2 by default and its instance has IMDS disabled; us-east-1 does not -> IMDS-004</li>
 * </ul>
 */
public final class DemoFleet {
    public static final String ACCOUNT = "111122223333";
    private static final String US = "us-east-1";
    private static final String EU = "eu-west-1";

    private DemoFleet() {
    }

    public static Snapshot snapshot() {
        return new Snapshot(Snapshot.SCHEMA_VERSION, Instant.parse("2026-11-01T02:00:00Z"), List.of(ACCOUNT),
                List.of(EU, US), List.of(iam()), List.of(euWest1(), usEast1()), List.of());
    }

    private static RegionInventory usEast1() {
        String vpc = "vpc-0a1b2c3d4e5f60001";
        String igw = "igw-0a1b2c3d4e5f60001";
        String nat = "nat-0a1b2c3d4e5f60001";
        String pub = "subnet-0a1b2c3d4e5f60001";
        String pub2 = "subnet-0a1b2c3d4e5f60002";
        String priv = "subnet-0a1b2c3d4e5f60003";
        String sgWeb = "sg-0a1b2c3d4e5f60001";
        String sgSsh = "sg-0a1b2c3d4e5f60002";
        String sgAlb = "sg-0a1b2c3d4e5f60003";
        String sgApp = "sg-0a1b2c3d4e5f60004";
        String sgWorker = "sg-0a1b2c3d4e5f60005";
        String albArn = "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":loadbalancer/app/checkout/50dc6c495c0c9188";
        String tgArn = "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":targetgroup/checkout-app/73e2d6bc24d8a067";

        List<Instance> instances = List.of(
                instance("i-0a1b2c3d4e5f60001", US, "running", "web-frontend", pub, vpc, "10.0.1.10", "54.210.10.1", sgWeb,
                        opts("optional", "enabled", 1), profile("web-frontend")),
                instance("i-0a1b2c3d4e5f60002", US, "running", "batch-export", pub, vpc, "10.0.1.11", "54.210.10.2", sgWeb,
                        opts("optional", "enabled", 1), profile("batch-export")),
                instance("i-0a1b2c3d4e5f60003", US, "running", "bastion", pub2, vpc, "10.0.4.12", "54.210.10.3", sgSsh,
                        opts("optional", "enabled", 1), profile("bastion")),
                instance("i-0a1b2c3d4e5f60004", US, "running", "checkout-app", priv, vpc, "10.0.2.20", null, sgApp,
                        opts("optional", "enabled", 1), profile("web-frontend")),
                instance("i-0a1b2c3d4e5f60005", US, "running", "queue-worker", priv, vpc, "10.0.2.21", null, sgWorker,
                        opts("optional", "enabled", 2), null),
                instance("i-0a1b2c3d4e5f60006", US, "running", "hardened-api", pub, vpc, "10.0.1.13", "54.210.10.6", sgWeb,
                        opts("required", "enabled", 1), profile("web-frontend")),
                instance("i-0a1b2c3d4e5f60007", US, "stopped", "old-build", pub, vpc, "10.0.1.14", null, sgWeb,
                        opts("optional", "enabled", 1), profile("web-frontend")));

        List<Subnet> subnets = List.of(
                new Subnet(pub, vpc, "10.0.1.0/24", List.of(), "us-east-1a", true),
                new Subnet(pub2, vpc, "10.0.4.0/24", List.of(), "us-east-1b", true),
                new Subnet(priv, vpc, "10.0.2.0/24", List.of(), "us-east-1a", false));
        List<RouteTable> routeTables = List.of(
                new RouteTable("rtb-0a1b2c3d4e5f60001", vpc, true, List.of(), List.of(local("10.0.0.0/16"))),
                new RouteTable("rtb-0a1b2c3d4e5f60002", vpc, false, List.of(pub, pub2),
                        List.of(local("10.0.0.0/16"), new Route("0.0.0.0/0", null, null, igw, "active"))),
                new RouteTable("rtb-0a1b2c3d4e5f60003", vpc, false, List.of(priv),
                        List.of(local("10.0.0.0/16"), new Route("0.0.0.0/0", null, null, nat, "active"))));
        List<NetworkAcl> acls = List.of(new NetworkAcl("acl-0a1b2c3d4e5f60001", vpc, true, List.of(pub, pub2, priv), List.of(
                new NaclEntry(100, false, "-1", true, "0.0.0.0/0", null, null),
                new NaclEntry(32767, false, "-1", false, "0.0.0.0/0", null, null),
                new NaclEntry(100, true, "-1", true, "0.0.0.0/0", null, null),
                new NaclEntry(32767, true, "-1", false, "0.0.0.0/0", null, null))));
        List<SecurityGroup> groups = List.of(
                sg(sgWeb, "web", vpc, tcp(443, "0.0.0.0/0"), tcp(80, "0.0.0.0/0")),
                sg(sgSsh, "ssh", vpc, tcp(22, "0.0.0.0/0")),
                sg(sgAlb, "checkout-alb", vpc, tcp(443, "0.0.0.0/0")),
                new SecurityGroup(sgApp, "checkout-app", vpc, List.of(new SecurityGroupRule("tcp", new PortRange(8080, 8080),
                        List.of(), List.of(), List.of(), List.of(sgAlb))), allEgress()),
                sg(sgWorker, "worker", vpc, tcp(9000, "10.0.0.0/16")));
        LoadBalancer alb = new LoadBalancer(albArn, "checkout", "application", "internet-facing", "active", vpc,
                List.of(pub, pub2), List.of(sgAlb), "checkout-123.us-east-1.elb.amazonaws.com",
                List.of(new Listener(albArn.replace(":loadbalancer/", ":listener/") + "/1a2b3c", "HTTPS", 443, List.of(tgArn), List.of())));
        TargetGroup tg = new TargetGroup(tgArn, "checkout-app", "HTTP", 8080, "instance", vpc, List.of(albArn), null,
                List.of(new Target("i-0a1b2c3d4e5f60004", 8080, "us-east-1a", "healthy")));
        return new RegionInventory(ACCOUNT, US, ImdsDefaults.NO_PREFERENCE, instances,
                List.of(new Vpc(vpc, List.of("10.0.0.0/16"), List.of(), false)), subnets, routeTables, acls, groups,
                List.of(new Gateway(igw, Gateway.INTERNET, List.of(vpc))),
                List.of(new NatGateway(nat, vpc, pub, "available", "public", List.of("54.210.10.100"))), List.of(),
                List.of(alb), List.of(tg), List.of(), List.of());
    }

    private static RegionInventory euWest1() {
        String vpc = "vpc-0f1e2d3c4b5a60001";
        String subnet = "subnet-0f1e2d3c4b5a60001";
        String sg = "sg-0f1e2d3c4b5a60001";
        Instance reporting = instance("i-0f1e2d3c4b5a60001", EU, "running", "reporting", subnet, vpc, "172.31.0.10",
                "34.240.1.1", sg, opts("optional", "disabled", 1), profile("web-frontend"));
        return new RegionInventory(ACCOUNT, EU, new ImdsDefaults("required", 2, null, null, null), List.of(reporting),
                List.of(new Vpc(vpc, List.of("172.31.0.0/16"), List.of(), true)),
                List.of(new Subnet(subnet, vpc, "172.31.0.0/20", List.of(), "eu-west-1a", true)),
                List.of(new RouteTable("rtb-0f1e2d3c4b5a60001", vpc, true, List.of(), List.of(local("172.31.0.0/16"),
                        new Route("0.0.0.0/0", null, null, "igw-0f1e2d3c4b5a60001", "active")))),
                List.of(new NetworkAcl("acl-0f1e2d3c4b5a60001", vpc, true, List.of(subnet), List.of(
                        new NaclEntry(100, false, "-1", true, "0.0.0.0/0", null, null),
                        new NaclEntry(100, true, "-1", true, "0.0.0.0/0", null, null)))),
                List.of(sg(sg, "reporting", vpc, tcp(443, "0.0.0.0/0"))),
                List.of(new Gateway("igw-0f1e2d3c4b5a60001", Gateway.INTERNET, List.of(vpc))),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static AccountInventory iam() {
        List<Role> roles = new ArrayList<>();
        roles.add(new Role(roleArn("web-frontend"), "web-frontend", "AROA0000000000000001",
                List.of(new Policy(null, "read-customer-data", null, """
                        {"Version":"2012-10-17","Statement":[
                          {"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::customer-data"},
                          {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::customer-data/*"}]}""")),
                List.of(), null));
        roles.add(new Role(roleArn("batch-export"), "batch-export", "AROA0000000000000002",
                List.of(new Policy(null, "export-via-endpoint", null, """
                        {"Version":"2012-10-17","Statement":[{"Sid":"ReadThroughEndpoint","Effect":"Allow",
                          "Action":["s3:Get*","s3:List*"],"Resource":"*",
                          "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0a1b2c3d"}}}]}""")),
                List.of(), null));
        roles.add(new Role(roleArn("bastion"), "bastion", "AROA0000000000000003", List.of(),
                List.of("arn:aws:iam::" + ACCOUNT + ":policy/ops-tools"), null));
        ManagedPolicy opsTools = new ManagedPolicy("arn:aws:iam::" + ACCOUNT + ":policy/ops-tools", "ops-tools", "v2", List.of(
                new ManagedPolicy.Version("v1", false, """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"""),
                new ManagedPolicy.Version("v2", true, """
                        {"Version":"2012-10-17","Statement":[{"Sid":"Ops","Effect":"Allow","Action":["ec2:Describe*","ssm:*"],"Resource":"*"}]}""")));
        List<InstanceProfile> profiles = List.of(
                new InstanceProfile(profile("web-frontend"), "web-frontend", List.of(roleArn("web-frontend"))),
                new InstanceProfile(profile("batch-export"), "batch-export", List.of(roleArn("batch-export"))),
                new InstanceProfile(profile("bastion"), "bastion", List.of(roleArn("bastion"))));
        return new AccountInventory(ACCOUNT, roles, profiles, List.of(opsTools),
                List.of(new Bucket("customer-data", US), new Bucket("reporting-archive", EU)));
    }

    private static Instance instance(String id, String region, String state, String name, String subnet, String vpc,
                                     String privateIp, String publicIp, String sg, MetadataOptions options, String profileArn) {
        NetworkInterface eni = new NetworkInterface("eni-" + id.substring(2), 0, subnet, vpc,
                List.of(new PrivateIp(privateIp, true, publicIp, null)), List.of(), List.of(sg));
        return new Instance(id, ACCOUNT, region, state, null, Map.of("Name", name), vpc, subnet, null, List.of(eni),
                options, profileArn);
    }

    private static MetadataOptions opts(String tokens, String endpoint, int hopLimit) {
        return new MetadataOptions("applied", tokens, endpoint, hopLimit, "disabled", "disabled");
    }

    private static String profile(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":instance-profile/" + name;
    }

    private static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static Route local(String cidr) {
        return new Route(cidr, null, null, "local", "active");
    }

    private static SecurityGroupRule tcp(int port, String cidr) {
        return new SecurityGroupRule("tcp", new PortRange(port, port), List.of(cidr), List.of(), List.of(), List.of());
    }

    private static SecurityGroup sg(String id, String name, String vpc, SecurityGroupRule... ingress) {
        return new SecurityGroup(id, name, vpc, List.of(ingress), allEgress());
    }

    private static List<SecurityGroupRule> allEgress() {
        return List.of(new SecurityGroupRule("-1", null, List.of("0.0.0.0/0"), List.of(), List.of(), List.of()));
    }
}
