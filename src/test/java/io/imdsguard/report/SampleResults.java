package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.RuleDescriptor;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.Suppression;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.LoadBalancerEvidence;
import io.imdsguard.findings.evidence.PathEvidence;
import io.imdsguard.findings.evidence.RegionEvidence;
import io.imdsguard.findings.evidence.S3ReadEvidence;
import io.imdsguard.inventory.CollectionGap;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Fixed scan results exercising every field the renderers write, one per golden-file case. */
final class SampleResults {
    private SampleResults() {
    }

    static ScanResult sample() {
        S3ReadEvidence.GrantEvidence list = new S3ReadEvidence.GrantEvidence("s3:ListBucket", "CONDITIONAL",
                "arn:aws:s3:::assets", List.of(new S3ReadEvidence.StatementEvidence("web-s3", "ReadAssets", "Allow")),
                List.of("aws:SourceVpce"));
        S3ReadEvidence.GrantEvidence get = new S3ReadEvidence.GrantEvidence("s3:GetObject", "CONDITIONAL",
                "arn:aws:s3:::assets/*", List.of(new S3ReadEvidence.StatementEvidence("web-s3", "ReadAssets", "Allow")),
                List.of("aws:SourceVpce"));
        InstanceEvidence evidence = new InstanceEvidence(
                new InstanceEvidence.MetadataOptionsEvidence("optional", "enabled", 1, "running"),
                List.of(path("22"), path("443")), "arn:aws:iam::123456789012:role/web",
                new S3ReadEvidence("CONDITIONAL", list, get, null), List.of(), List.of());
        Finding critical = new Finding("IMDS-001", Severity.CRITICAL, "Internet-reachable instance answers IMDSv1 and its role can read S3",
                "123456789012", "us-east-1",
                new ResourceRef(ResourceRef.EC2_INSTANCE, "i-0abc", "web-1", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"),
                evidence, "Require IMDSv2: aws ec2 modify-instance-metadata-options --region us-east-1 --instance-id i-0abc --http-tokens required --http-endpoint enabled", false, Finding.NEW);
        Finding region = new Finding("IMDS-004", Severity.MEDIUM, "Region default allows IMDSv1 for new launches",
                "123456789012", "eu-west-1", new ResourceRef(ResourceRef.EC2_REGION_DEFAULTS, "eu-west-1", null, null),
                new RegionEvidence("no-preference", 2, "enabled", null, List.of()), "aws ec2 modify-instance-metadata-defaults --region eu-west-1 --http-tokens required --http-put-response-hop-limit 2", false, Finding.EXISTING);
        Finding suppressed = new Finding("IMDS-005", Severity.LOW, "Hop limit above 1", "123456789012", "us-east-1",
                new ResourceRef(ResourceRef.EC2_INSTANCE, "i-0def", null, "arn:aws:ec2:us-east-1:123456789012:instance/i-0def"),
                new InstanceEvidence(new InstanceEvidence.MetadataOptionsEvidence("required", "enabled", 2, "running"),
                        List.of(), null, null, List.of(), List.of()), "Set HttpPutResponseHopLimit to 1", true, Finding.NEW);
        return new ScanResult("1.2.3", Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:09Z"),
                List.of("123456789012"), List.of("eu-west-1", "us-east-1"),
                List.of(new CollectionGap("123456789012", "eu-west-1", "ec2", "DescribeNatGateways", "UnauthorizedOperation: not allowed")),
                List.of(critical, region, suppressed), rules());
    }

    /** The rules of the run as loaded: IMDS-002 is loaded but fires nowhere. */
    static List<RuleDescriptor> rules() {
        String requireV2 = "aws ec2 modify-instance-metadata-options --region {region} --instance-id {id} --http-tokens required --http-endpoint enabled";
        return List.of(
                new RuleDescriptor("IMDS-001", Severity.CRITICAL, "Internet-reachable instance answers IMDSv1 and its role can read S3",
                        "Require IMDSv2: " + requireV2),
                new RuleDescriptor("IMDS-002", Severity.HIGH, "Internet-reachable instance answers IMDSv1 and has a role",
                        "Require IMDSv2: " + requireV2),
                new RuleDescriptor("IMDS-004", Severity.MEDIUM, "Region default allows IMDSv1 for new launches",
                        "aws ec2 modify-instance-metadata-defaults --region {region} --http-tokens required --http-put-response-hop-limit 2"),
                new RuleDescriptor("IMDS-005", Severity.LOW, "Hop limit above 1", "Set HttpPutResponseHopLimit to 1"));
    }

    /** The sample with its gaps removed, as a complete scan. */
    static ScanResult withoutGaps() {
        ScanResult s = sample();
        return new ScanResult(s.toolVersion(), s.startedAt(), s.finishedAt(), s.accounts(), s.regions(), List.of(),
                s.findings(), s.rules());
    }

    /** A clean scan: rules loaded, nothing fired, nothing missing. */
    static ScanResult empty() {
        return new ScanResult("1.2.3", Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:06Z"),
                List.of("123456789012"), List.of("eu-west-1", "us-east-1"), List.of(), List.of(), rules());
    }

    /** A scan with gaps in two accounts: one account's role could not be assumed, the other lacked a permission. */
    static ScanResult withGaps() {
        ScanResult s = sample();
        return new ScanResult(s.toolVersion(), s.startedAt(), s.finishedAt(), List.of("123456789012", "210987654321"),
                List.of("us-east-1"),
                List.of(new CollectionGap("210987654321", "us-east-1", "sts", "AssumeRole",
                                "AccessDenied: not authorized to perform sts:AssumeRole on imdsguard-scan"),
                        new CollectionGap("123456789012", "us-east-1", "iam", "GetAccountAuthorizationDetails",
                                "AccessDenied: iam:GetAccountAuthorizationDetails")),
                List.of(s.findings().get(0)), rules());
    }

    /**
     * A scan against a baseline, with a suppressions file: one finding the baseline had, one new behind a load
     * balancer, one suppressed with an expiry, and two findings the baseline had that are gone.
     */
    static ScanResult suppressedAndBaseline() {
        ScanResult s = sample();
        Finding existing = s.findings().get(0).withStatus(Finding.EXISTING);
        Finding behindLb = new Finding("IMDS-006", Severity.MEDIUM,
                "Internet-facing load balancer forwards to an IMDSv1 instance without a WAF SSRF block",
                "210987654321", "us-east-1",
                new ResourceRef(ResourceRef.EC2_INSTANCE, "i-0lb", "checkout",
                        "arn:aws:ec2:us-east-1:210987654321:instance/i-0lb"),
                new InstanceEvidence(new InstanceEvidence.MetadataOptionsEvidence("optional", "enabled", 1, "running"),
                        List.of(lbPath()), "arn:aws:iam::210987654321:role/checkout", null,
                        List.of(new LoadBalancerEvidence(LB_ARN, "checkout", "application", "HTTPS:443", null, false)),
                        List.of()),
                "Associate a WAF web ACL with AWSManagedRulesCommonRuleSet to checkout", false, Finding.NEW);
        Finding suppressed = s.findings().get(1).suppressedBy(
                new Suppression("accepted until the Q3 migration", LocalDate.parse("2026-09-30"),
                        "suppressions.yaml#1"));
        List<ResolvedFinding> resolved = List.of(
                new ResolvedFinding("IMDS-002", Severity.HIGH, "123456789012", "us-east-1", ResourceRef.EC2_INSTANCE,
                        "i-0gone", "bastion"),
                new ResolvedFinding("IMDS-004", Severity.MEDIUM, "210987654321", "us-east-1",
                        ResourceRef.EC2_REGION_DEFAULTS, "us-east-1", null));
        return new ScanResult(s.toolVersion(), s.startedAt(), s.finishedAt(), List.of("123456789012", "210987654321"),
                List.of("eu-west-1", "us-east-1"), List.of(), List.of(existing, suppressed, behindLb), rules(),
                resolved, null, "last-night.json");
    }

    private static final String LB_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:210987654321:loadbalancer/app/checkout/50dc6c495c0c9188";

    private static PathEvidence lbPath() {
        return new PathEvidence("LOAD_BALANCER", "reachable from 3.7 billion public IPv4 addresses on tcp/443 via "
                + "application load balancer checkout (HTTPS:443 -> tcp/8080 on eni-0lb)",
                List.of("internet", "route rtb-2 0.0.0.0/0 -> igw-2", "sg sg-lb tcp/443 from 0.0.0.0/0",
                        "listener " + LB_ARN.replace("loadbalancer", "listener") + "/1a2b (HTTPS:443) of application "
                                + "load balancer checkout",
                        "target group checkout-app -> target i-0lb port 8080", "sg sg-app tcp/8080 from sg-lb",
                        "interface eni-0lb (10.0.2.20)"),
                "tcp", "443", "ipv4", new BigInteger("3702258432"), LB_ARN);
    }

    private static PathEvidence path(String port) {
        return new PathEvidence("DIRECT", "reachable from 3.7 billion public IPv4 addresses on tcp/" + port + " via igw-1",
                List.of("route rtb-1 0.0.0.0/0 -> igw-1", "nacl acl-1 ingress #100 allow 0.0.0.0/0",
                        "sg sg-1 tcp/" + port + " from 0.0.0.0/0"),
                "tcp", port, "ipv4", new BigInteger("3702258432"), null);
    }
}
