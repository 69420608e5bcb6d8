package io.imdsguard.rules;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.LoadBalancerEvidence;
import io.imdsguard.findings.evidence.PathEvidence;
import io.imdsguard.findings.evidence.RegionEvidence;
import io.imdsguard.findings.evidence.S3ReadEvidence;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.rules.testing.CaseLoader;
import io.imdsguard.rules.testing.RuleTestCase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The findings' shape: resource, metadata from the rule, evidence, order. */
class FindingEvidenceTest {
    private static final Path SCENARIOS = Path.of("src/test/resources/rules/scenarios");

    private static List<Finding> findings(String scenario) throws Exception {
        RuleTestCase c = CaseLoader.load(SCENARIOS).stream().filter(t -> t.name().equals(scenario)).findFirst().orElseThrow();
        return new RuleEvaluator(BundledRules.get()).evaluate(c.snapshot(), c.analysis().orElseThrow().toAnalysis(c.snapshot()));
    }

    @Test
    void imds001CarriesMetadataPathsAndGrants() throws Exception {
        Finding f = findings("imds-001-definite-s3-read").get(0);
        assertThat(f.ruleId()).isEqualTo("IMDS-001");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.title()).isEqualTo("IMDSv1 on an internet-reachable instance whose role can read S3");
        assertThat(f.remediation()).contains("--http-tokens required")
                .contains("--region us-east-1 --instance-id " + f.resource().id());
        assertThat(f.account()).isEqualTo("111111111111");
        assertThat(f.region()).isEqualTo("us-east-1");
        assertThat(f.resource()).isEqualTo(new ResourceRef(ResourceRef.EC2_INSTANCE, "i-web", "web-1",
                "arn:aws:ec2:us-east-1:111111111111:instance/i-web"));
        assertThat(f.suppressed()).isFalse();
        assertThat(f.status()).isEqualTo("new");
        InstanceEvidence e = (InstanceEvidence) f.evidence();
        assertThat(e.metadataOptions()).isEqualTo(new InstanceEvidence.MetadataOptionsEvidence("optional", "enabled", 1, "running"));
        PathEvidence path = e.exposurePaths().get(0);
        assertThat(path.kind()).isEqualTo("DIRECT");
        assertThat(path.ports()).isEqualTo("443");
        assertThat(path.admittedAddresses()).isEqualTo(new java.math.BigInteger("3702258432"));
        assertThat(path.steps()).hasSize(3);
        assertThat(e.roleArn()).isNotNull();
        S3ReadEvidence s3 = e.s3Read();
        assertThat(s3.decision()).isEqualTo("ALLOWED");
        assertThat(s3.note()).isNull();
        assertThat(s3.listBucket().statements().get(0)).isEqualTo(new S3ReadEvidence.StatementEvidence(
                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess v1", "#0", "Allow"));
        // The evidence must serialise as JSON (the report writes it as is), without the absent parts.
        String json = SnapshotIO.mapper().writeValueAsString(f.evidence());
        assertThat(json).contains("\"admittedAddresses\":3702258432").doesNotContain("\"note\"", "\"loadBalancers\"", "\"details\"");
    }

    @Test
    void conditionalGrantSaysItFiredImds001() throws Exception {
        Finding f = findings("imds-001-conditional-s3-read-via-load-balancer").get(0);
        S3ReadEvidence s3 = ((InstanceEvidence) f.evidence()).s3Read();
        assertThat(s3.decision()).isEqualTo("CONDITIONAL");
        assertThat(s3.note()).contains("conditional grant still fires IMDS-001");
        assertThat(s3.listBucket().conditionKeys()).isEqualTo(List.of("aws:SourceVpce"));
        assertThat(f.resource().name()).isNull();
    }

    @Test
    void regionFindingUsesRegionDefaultsResource() throws Exception {
        List<Finding> findings = findings("imds-004-region-defaults");
        assertThat(findings).extracting(f -> f.account() + "/" + f.resource().id())
                .containsExactly("111111111111/ap-south-1", "111111111111/eu-west-1", "222222222222/us-east-1");
        Finding declarative = findings.get(2);
        assertThat(declarative.resource()).isEqualTo(new ResourceRef(ResourceRef.EC2_REGION_DEFAULTS, "us-east-1", null, null));
        assertThat(declarative.evidence()).isEqualTo(new RegionEvidence("no-preference", 2, null, "declarative-policy", List.of()));
    }

    @Test
    void imds006ListsEveryOffendingLoadBalancerInOneFinding() throws Exception {
        List<Finding> findings = findings("imds-006-alb-waf");
        Finding f = findings.stream().filter(x -> x.ruleId().equals("IMDS-006")).findFirst().orElseThrow();
        List<LoadBalancerEvidence> lbs = ((InstanceEvidence) f.evidence()).loadBalancers();
        assertThat(lbs).extracting(LoadBalancerEvidence::name).containsExactly("open-a", "open-b");
        assertThat(lbs).extracting(LoadBalancerEvidence::webAclArn)
                .containsExactly(null, "arn:aws:wafv2:us-east-1:111111111111:regional/webacl/count-only/1");
    }

    @Test
    void findingsAreOrderedBySeverityRuleAccountRegionResource() throws Exception {
        List<Finding> findings = findings("imds-006-alb-waf");
        assertThat(findings).extracting(f -> f.ruleId() + " " + f.resource().id()).containsExactly(
                "IMDS-003 i-internal", "IMDS-003 i-nlb", "IMDS-003 i-open", "IMDS-003 i-waf", "IMDS-006 i-open");
        List<Finding> mixed = findings("imds-005-hop-limit");
        assertThat(mixed).extracting(Finding::severity).isSortedAccordingTo(Enum::compareTo);
    }
}
