package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.RuleDescriptor;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.PathEvidence;
import io.imdsguard.findings.evidence.RegionEvidence;
import io.imdsguard.findings.evidence.S3ReadEvidence;
import io.imdsguard.inventory.CollectionGap;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** A fixed scan result exercising every field the renderers write. */
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

    private static PathEvidence path(String port) {
        return new PathEvidence("DIRECT", "reachable from 3.7 billion public IPv4 addresses on tcp/" + port + " via igw-1",
                List.of("route rtb-1 0.0.0.0/0 -> igw-1", "nacl acl-1 ingress #100 allow 0.0.0.0/0",
                        "sg sg-1 tcp/" + port + " from 0.0.0.0/0"),
                "tcp", port, "ipv4", new BigInteger("3702258432"), null);
    }
}
