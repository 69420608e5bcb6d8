package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.Severity;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FindingReasonTest {
    private static Finding with(Map<String, Object> evidence) {
        return new Finding("X", Severity.LOW, "t", "1", "r", new ResourceRef("ec2-instance", "i-1", null, null),
                evidence, "fix", false, null);
    }

    @Test
    void unreachableInstanceWithHighHopLimit() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("metadataOptions", Map.of("hopLimit", 2));
        e.put("exposurePaths", List.of());
        assertThat(FindingReason.of(with(e))).isEqualTo("not internet-reachable; hop limit 2");
    }

    @Test
    void definiteS3ReadAndLoadBalancers() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("exposurePaths", List.of(Map.of("summary", "reachable via alb")));
        e.put("roleArn", "arn:aws:iam::1:role/path/app");
        e.put("s3Read", Map.of("decision", "ALLOWED"));
        e.put("loadBalancers", List.of(Map.of("name", "shop"), Map.of("name", "api")));
        assertThat(FindingReason.of(with(e)))
                .isEqualTo("reachable via alb; role app can read S3; no blocking WAF on shop, api");
    }

    @Test
    void deniedS3ReadAndUnknownEvidenceSayNothing() {
        assertThat(FindingReason.of(with(Map.of("s3Read", Map.of("decision", "DENIED"))))).isEmpty();
        assertThat(FindingReason.of(with(Map.of("details", List.of("user rule detail"))))).isEmpty();
    }
}
