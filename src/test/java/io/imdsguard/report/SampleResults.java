package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.RuleDescriptor;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.inventory.CollectionGap;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed scan result exercising every field the renderers write. */
final class SampleResults {
    private SampleResults() {
    }

    /** Evidence maps keep their order, as EvidenceBuilder's do; Map.of's order changes from one JVM to the next. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static ScanResult sample() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("metadataOptions", Map.of("httpTokens", "optional"));
        evidence.put("exposurePaths", List.of(
                ordered("kind", "DIRECT", "summary", "reachable from 3.7 billion public IPv4 addresses on tcp/22 via igw-1"),
                ordered("kind", "DIRECT", "summary", "reachable from 3.7 billion public IPv4 addresses on tcp/443 via igw-1")));
        evidence.put("roleArn", "arn:aws:iam::123456789012:role/web");
        evidence.put("s3Read", ordered("decision", "CONDITIONAL",
                "listBucket", ordered("conditionKeys", List.of("aws:SourceVpce")),
                "getObject", ordered("conditionKeys", List.of("aws:SourceVpce"))));
        Finding critical = new Finding("IMDS-001", Severity.CRITICAL, "Internet-reachable instance answers IMDSv1 and its role can read S3",
                "123456789012", "us-east-1",
                new ResourceRef(ResourceRef.EC2_INSTANCE, "i-0abc", "web-1", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"),
                evidence, "Require IMDSv2: aws ec2 modify-instance-metadata-options --region us-east-1 --instance-id i-0abc --http-tokens required --http-endpoint enabled", false, Finding.NEW);
        Finding region = new Finding("IMDS-004", Severity.MEDIUM, "Region default allows IMDSv1 for new launches",
                "123456789012", "eu-west-1", new ResourceRef(ResourceRef.EC2_REGION_DEFAULTS, "eu-west-1", null, null),
                Map.of("httpTokens", "no-preference"), "aws ec2 modify-instance-metadata-defaults --region eu-west-1 --http-tokens required --http-put-response-hop-limit 2", false, Finding.EXISTING);
        Finding suppressed = new Finding("IMDS-005", Severity.LOW, "Hop limit above 1", "123456789012", "us-east-1",
                new ResourceRef(ResourceRef.EC2_INSTANCE, "i-0def", null, "arn:aws:ec2:us-east-1:123456789012:instance/i-0def"),
                Map.of("hopLimit", 2), "Set HttpPutResponseHopLimit to 1", true, Finding.NEW);
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
}
