package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.evidence.Evidence;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.LoadBalancerEvidence;
import io.imdsguard.findings.evidence.PathEvidence;
import io.imdsguard.findings.evidence.RegionEvidence;
import io.imdsguard.findings.evidence.RuleDetails;
import io.imdsguard.findings.evidence.S3ReadEvidence;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FindingReasonTest {
    private static final InstanceEvidence.MetadataOptionsEvidence V1 =
            new InstanceEvidence.MetadataOptionsEvidence("optional", "enabled", 1, "running");

    private static Finding with(Evidence evidence) {
        return new Finding("X", Severity.LOW, "t", "1", "r", new ResourceRef("ec2-instance", "i-1", null, null),
                evidence, "fix", false, null);
    }

    private static InstanceEvidence instance(InstanceEvidence.MetadataOptionsEvidence options, List<PathEvidence> paths,
                                             String role, S3ReadEvidence s3, List<LoadBalancerEvidence> lbs) {
        return new InstanceEvidence(options, paths, role, s3, lbs, List.of());
    }

    private static S3ReadEvidence s3(String decision, List<String> keys) {
        S3ReadEvidence.GrantEvidence grant = new S3ReadEvidence.GrantEvidence("s3:GetObject", decision, "*", List.of(), keys);
        return new S3ReadEvidence(decision, grant, grant, null);
    }

    private static PathEvidence path(String summary) {
        return new PathEvidence("LOAD_BALANCER", summary, List.of(), "tcp", "443", "ipv4", BigInteger.TEN, "arn:lb");
    }

    @Test
    void unreachableInstanceWithHighHopLimit() {
        InstanceEvidence e = instance(new InstanceEvidence.MetadataOptionsEvidence("optional", "enabled", 2, "running"),
                List.of(), null, null, List.of());
        assertThat(FindingReason.of(with(e))).isEqualTo("not internet-reachable; hop limit 2");
    }

    @Test
    void definiteS3ReadAndLoadBalancers() {
        InstanceEvidence e = instance(V1, List.of(path("reachable via alb")), "arn:aws:iam::1:role/path/app",
                s3("ALLOWED", List.of()), List.of(new LoadBalancerEvidence("arn:1", "shop", "application", "HTTP:80", null, false),
                        new LoadBalancerEvidence("arn:2", "api", "application", "HTTP:80", null, false)));
        assertThat(FindingReason.of(with(e)))
                .isEqualTo("reachable via alb; role app can read S3; no blocking WAF on shop, api");
    }

    @Test
    void conditionalS3ReadNamesItsKeysOnceAndCountsFurtherPaths() {
        InstanceEvidence e = instance(V1, List.of(path("reachable via alb"), path("again")), "arn:aws:iam::1:role/app",
                s3("CONDITIONAL", List.of("aws:SourceVpce")), List.of());
        assertThat(FindingReason.of(with(e)))
                .isEqualTo("reachable via alb (+1 more paths); role app can read S3 (if aws:SourceVpce)");
    }

    @Test
    void regionDefaultsSayTheDefault() {
        assertThat(FindingReason.of(with(new RegionEvidence("no-preference", null, null, null, List.of()))))
                .isEqualTo("default HttpTokens: no-preference");
    }

    @Test
    void deniedS3ReadAndUserRuleDetailsSayNothing() {
        assertThat(FindingReason.of(with(instance(V1, List.of(path("p")), "arn:aws:iam::1:role/app", s3("DENIED", List.of()),
                List.of())))).isEqualTo("p");
        assertThat(FindingReason.of(with(new RuleDetails(List.of("user rule detail"))))).isEmpty();
    }
}
