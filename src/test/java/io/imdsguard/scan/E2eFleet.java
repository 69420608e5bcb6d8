package io.imdsguard.scan;

import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.ComputeFleet;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.IamFleet;
import io.imdsguard.testing.ImdsOptions;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.LoadBalancerFleet;
import io.imdsguard.testing.NaclRule;
import io.imdsguard.testing.NetworkFleet;
import io.imdsguard.testing.SgRule;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet {@link ScanEndToEndTest} scans, seeded through the real SDK in two regions. Each instance's
 * Name tag says what it is for; {@link #EXPECTED} lists the findings each one must raise (and by
 * omission, must not).
 */
public final class E2eFleet {
    public static final String EAST = "us-east-1";
    public static final String WEST = "eu-west-1";
    static final String BUCKET = "e2e-customer-data";
    /** Where the S3-reading role's permissions come from: one statement per action, named by Sid. */
    static final String READ_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Sid\":\"ListData\",\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::" + BUCKET + "\"},"
            + "{\"Sid\":\"ReadObjects\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + BUCKET + "/*\"}]}";
    /**
     * A public /24 (not a TEST-NET range, which counts as non-public anyway), so the office instance is
     * spared by the minAddresses threshold, not by the reserved-space filter.
     */
    static final String OFFICE = "81.2.69.0/24";

    /** Name tag -> rule ids it must raise; an empty list means "nothing at all". */
    static final Map<String, List<String>> EXPECTED = expected();

    private E2eFleet() {
    }

    private static Map<String, List<String>> expected() {
        Map<String, List<String>> e = new LinkedHashMap<>();
        e.put("web-public-s3", List.of("IMDS-001"));            // direct path on tcp/22, despite a NACL deny of one /8
        e.put("web-public-no-s3", List.of("IMDS-002"));         // s3:* only in a non-default policy version
        e.put("batch-private", List.of("IMDS-003", "IMDS-005")); // NAT route only; hop limit 2
        e.put("app-behind-alb", List.of("IMDS-001", "IMDS-006")); // no public IP: reachable through the ALB
        e.put("app-behind-waf", List.of("IMDS-003"));           // reachable via a WAF-protected ALB, but no role
        e.put("web-v2", List.of());                             // IMDSv2 required, hop limit 1
        e.put("web-stopped", List.of());                        // would be IMDS-001 if it ran
        e.put("admin-office-only", List.of("IMDS-003"));        // SG open only to an office /24: not the internet
        e.put("eu-web-no-role", List.of("IMDS-003"));           // reachable, but no role to steal
        e.put("eu-web-v2", List.of());
        return Map.copyOf(e);
    }

    /** Seeds both regions; returns Name tag -> instance id. */
    public static Map<String, String> seed(AwsEmulator aws) {
        Map<String, String> ids = new LinkedHashMap<>();
        try (FleetBuilder east = aws.fleet(EAST); FleetBuilder west = aws.fleet(WEST)) {
            iam(east.iam());
            east.storage().bucket(BUCKET);
            seedEast(east, ids);
            seedWest(west, ids);
        }
        // The stub answers ModifyInstanceMetadataDefaults (moto lacks it); us-east-1 keeps "no preference".
        try (Ec2Client ec2 = aws.client(Ec2Client.builder(), WEST)) {
            ec2.modifyInstanceMetadataDefaults(r -> r.httpTokens("required").httpPutResponseHopLimit(2));
        }
        return ids;
    }

    private static void iam(IamFleet iam) {
        iam.role("e2e-reader");
        iam.inlinePolicy("e2e-reader", "read-customer-data", READ_POLICY);
        iam.instanceProfile("e2e-reader-profile", "e2e-reader");
        // The default version (v1) grants no S3; v2 grants s3:* but is not the default, so it must not count.
        iam.role("e2e-describer");
        String managed = iam.managedPolicy("e2e-describe", IamFleet.policy("Allow", List.of("ec2:Describe*"), "*"));
        iam.policyVersion(managed, IamFleet.policy("Allow", List.of("s3:*"), "*"), false);
        iam.attach("e2e-describer", managed);
        iam.instanceProfile("e2e-describer-profile", "e2e-describer");
    }

    private static void seedEast(FleetBuilder fleet, Map<String, String> ids) {
        NetworkFleet net = fleet.network();
        NetworkFleet.VpcRef vpc = net.vpc("10.40.0.0/16", false);
        String publicA = net.subnet(vpc.id(), "10.40.1.0/24", null, true);
        String publicB = net.subnet(vpc.id(), "10.40.2.0/24", null, true);
        String privateSubnet = net.subnet(vpc.id(), "10.40.3.0/24", null, false);
        String igw = net.internetGateway(vpc.id());
        net.route(net.routeTable(vpc.id(), publicA, publicB), "0.0.0.0/0", igw);
        String nat = net.natGateway(publicA);
        net.route(net.routeTable(vpc.id(), privateSubnet), "0.0.0.0/0", nat);

        // Stateless: ingress on 22/443 (and replies to outbound traffic), egress replies on ephemeral ports,
        // then an explicit deny-all both ways (moto's custom NACLs have none). The /8 deny shows that a
        // partial deny does not hide the rest of the internet.
        String acl = net.networkAcl(vpc.id(), publicA, publicB);
        net.naclEntries(acl,
                new NaclRule(90, false, false, "-1", "45.0.0.0/8", null, null),
                NaclRule.allowTcpIn(100, "0.0.0.0/0", 22, 22),
                NaclRule.allowTcpIn(110, "0.0.0.0/0", 443, 443),
                NaclRule.allowTcpIn(120, "0.0.0.0/0", 1024, 65535),
                NaclRule.denyAll(32000, false, "0.0.0.0/0"),
                new NaclRule(100, true, true, "6", "0.0.0.0/0", 1024, 65535),
                NaclRule.denyAll(32000, true, "0.0.0.0/0"));

        String sshOpen = net.securityGroup(vpc.id(), "ssh-open");
        net.allowIngress(sshOpen, SgRule.tcp(22).fromCidr("0.0.0.0/0"));
        String httpsOpen = net.securityGroup(vpc.id(), "https-open");
        net.allowIngress(httpsOpen, SgRule.tcp(443).fromCidr("0.0.0.0/0"));
        String officeSsh = net.securityGroup(vpc.id(), "office-ssh");
        net.allowIngress(officeSsh, SgRule.tcp(22).fromCidr(OFFICE));
        String albSg = net.securityGroup(vpc.id(), "alb");
        net.allowIngress(albSg, SgRule.tcp(443).fromCidr("0.0.0.0/0"));
        String appSg = net.securityGroup(vpc.id(), "app");
        net.allowIngress(appSg, SgRule.tcp(8080).fromGroup(albSg));

        ComputeFleet compute = fleet.compute();
        run(compute, ids, "web-public-s3", InstanceSpec.in(publicA).securityGroups(sshOpen)
                .instanceProfile("e2e-reader-profile"));
        run(compute, ids, "web-public-no-s3", InstanceSpec.in(publicA).securityGroups(httpsOpen)
                .instanceProfile("e2e-describer-profile"));
        run(compute, ids, "batch-private", InstanceSpec.in(privateSubnet).securityGroups(sshOpen)
                .metadata(ImdsOptions.v1Allowed().withHopLimit(2)));
        run(compute, ids, "app-behind-alb", InstanceSpec.in(privateSubnet).securityGroups(appSg)
                .instanceProfile("e2e-reader-profile"));
        run(compute, ids, "app-behind-waf", InstanceSpec.in(privateSubnet).securityGroups(appSg));
        run(compute, ids, "web-v2", InstanceSpec.in(publicA).securityGroups(sshOpen)
                .instanceProfile("e2e-reader-profile").metadata(ImdsOptions.v2Required().withHopLimit(1)));
        run(compute, ids, "web-stopped", InstanceSpec.in(publicA).securityGroups(sshOpen)
                .instanceProfile("e2e-reader-profile"));
        compute.stop(ids.get("web-stopped"));
        run(compute, ids, "admin-office-only", InstanceSpec.in(publicB).securityGroups(officeSsh)
                .instanceProfile("e2e-reader-profile"));

        // Listeners speak HTTP on 443: HTTPS would need an ACM certificate, and only the port matters here.
        LoadBalancerFleet lbs = fleet.loadBalancers();
        String alb = lbs.applicationLoadBalancer("app-alb", LoadBalancerFleet.INTERNET_FACING,
                List.of(publicA, publicB), List.of(albSg)).arn();
        String appTg = lbs.targetGroup("app-tg", vpc.id(), "instance", "HTTP", 8080);
        lbs.registerTargets(appTg, ids.get("app-behind-alb"));
        lbs.listener(alb, "HTTP", 443, appTg);
        String wafAlb = lbs.applicationLoadBalancer("waf-alb", LoadBalancerFleet.INTERNET_FACING,
                List.of(publicA, publicB), List.of(albSg)).arn();
        String wafTg = lbs.targetGroup("waf-tg", vpc.id(), "instance", "HTTP", 8080);
        lbs.registerTargets(wafTg, ids.get("app-behind-waf"));
        lbs.listener(wafAlb, "HTTP", 443, wafTg);
        fleet.storage().webAclWithCommonRuleSet("waf-alb-acl", wafAlb, false);
    }

    /** A plain public VPC: the VPC's default NACL (allow all) and one IGW route. */
    private static void seedWest(FleetBuilder fleet, Map<String, String> ids) {
        NetworkFleet net = fleet.network();
        NetworkFleet.VpcRef vpc = net.vpc("10.50.0.0/16", false);
        String subnet = net.subnet(vpc.id(), "10.50.1.0/24", null, true);
        net.route(net.routeTable(vpc.id(), subnet), "0.0.0.0/0", net.internetGateway(vpc.id()));
        String httpsOpen = net.securityGroup(vpc.id(), "https-open");
        net.allowIngress(httpsOpen, SgRule.tcp(443).fromCidr("0.0.0.0/0"));
        run(fleet.compute(), ids, "eu-web-no-role", InstanceSpec.in(subnet).securityGroups(httpsOpen));
        run(fleet.compute(), ids, "eu-web-v2", InstanceSpec.in(subnet).securityGroups(httpsOpen)
                .instanceProfile("e2e-reader-profile").metadata(ImdsOptions.v2Required().withHopLimit(1)));
    }

    private static void run(ComputeFleet compute, Map<String, String> ids, String name, InstanceSpec spec) {
        ids.put(name, compute.run(spec.name(name)).instanceId());
    }
}
