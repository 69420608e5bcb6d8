package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
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

    static ScanResult sample() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("metadataOptions", Map.of("httpTokens", "optional"));
        evidence.put("exposure", List.of("reachable from 3.7 billion public IPv4 addresses on tcp/22 via igw-1"));
        Finding critical = new Finding("IMDS-001", Severity.CRITICAL, "Internet-reachable instance answers IMDSv1 and its role can read S3",
                "123456789012", "us-east-1",
                new ResourceRef(ResourceRef.EC2_INSTANCE, "i-0abc", "web-1", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"),
                evidence, "Require IMDSv2: imdsguard enforce instances --ids i-0abc --yes", false, Finding.NEW);
        Finding region = new Finding("IMDS-004", Severity.MEDIUM, "Region default allows IMDSv1 for new launches",
                "123456789012", "eu-west-1", new ResourceRef(ResourceRef.EC2_REGION_DEFAULTS, "eu-west-1", null, null),
                Map.of("httpTokens", "no-preference"), "imdsguard enforce region-defaults --regions eu-west-1 --yes", false, Finding.EXISTING);
        Finding suppressed = new Finding("IMDS-005", Severity.LOW, "Hop limit above 1", "123456789012", "us-east-1",
                new ResourceRef(ResourceRef.EC2_INSTANCE, "i-0def", null, "arn:aws:ec2:us-east-1:123456789012:instance/i-0def"),
                Map.of("hopLimit", 2), "Set HttpPutResponseHopLimit to 1", true, Finding.NEW);
        return new ScanResult("1.2.3", Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:09Z"),
                List.of("123456789012"), List.of("eu-west-1", "us-east-1"),
                List.of(new CollectionGap("123456789012", "eu-west-1", "ec2", "DescribeNatGateways", "UnauthorizedOperation: not allowed")),
                List.of(critical, region, suppressed));
    }
}
