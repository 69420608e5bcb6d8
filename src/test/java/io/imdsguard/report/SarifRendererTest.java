package io.imdsguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingKey;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.evidence.RuleDetails;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SarifRendererTest {
    private static JsonNode sarif(ScanResult result) throws Exception {
        StringWriter out = new StringWriter();
        new SarifRenderer().render(result, RenderOptions.DEFAULTS, out);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void collectionGapsAreToolExecutionNotificationsOfAnUnsuccessfulRun() throws Exception {
        JsonNode invocation = sarif(SampleResults.sample()).at("/runs/0/invocations/0");
        assertThat(invocation.get("executionSuccessful").asBoolean(true)).isFalse();
        JsonNode notes = invocation.get("toolExecutionNotifications");
        assertThat(notes).hasSize(1);
        JsonNode gap = notes.get(0);
        assertThat(gap.get("level").asText()).isEqualTo("error");
        assertThat(gap.at("/descriptor/id").asText()).isEqualTo("collection-gap");
        assertThat(gap.at("/message/text").asText()).contains("123456789012").contains("eu-west-1").contains("ec2")
                .contains("DescribeNatGateways").contains("UnauthorizedOperation: not allowed");
    }

    @Test
    void aRunWithoutGapsStillHasItsInvocation() throws Exception {
        JsonNode invocation = sarif(SampleResults.withoutGaps()).at("/runs/0/invocations/0");
        assertThat(invocation.isMissingNode()).isFalse();
        assertThat(invocation.get("executionSuccessful").asBoolean(false)).isTrue();
        assertThat(invocation.has("toolExecutionNotifications")).isFalse();
    }

    @Test
    void driverListsEveryLoadedRuleWithItsGenericRemediation() throws Exception {
        JsonNode run = sarif(SampleResults.sample()).at("/runs/0");
        List<String> ids = new ArrayList<>();
        run.at("/tool/driver/rules").forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).as("IMDS-002 is loaded but fires nowhere").containsExactly("IMDS-001", "IMDS-002", "IMDS-004", "IMDS-005");
        String help = run.at("/tool/driver/rules/0/help/text").asText();
        assertThat(help).contains("--instance-id <resource-id>").doesNotContain("i-0abc", "{id}");
        assertThat(run.at("/tool/driver/rules/2/help/text").asText()).contains("--region <region>").doesNotContain("eu-west-1", "{region}");
        run.get("results").forEach(r -> assertThat(ids.get(r.get("ruleIndex").asInt())).isEqualTo(r.get("ruleId").asText()));
    }

    @Test
    void aFindingOfAnUnlistedRuleStillGetsADescriptorButNoInstanceHelp() throws Exception {
        ScanResult s = SampleResults.sample();
        ScanResult unknownRules = new ScanResult(s.toolVersion(), s.startedAt(), s.finishedAt(), s.accounts(), s.regions(),
                s.gaps(), s.findings());
        JsonNode run = sarif(unknownRules).at("/runs/0");
        assertThat(run.at("/tool/driver/rules")).hasSize(3);
        assertThat(run.at("/tool/driver/rules/0/id").asText()).isEqualTo("IMDS-001");
        assertThat(run.at("/tool/driver/rules/0/help").isMissingNode()).isTrue();
    }

    @Test
    void fingerprintIsTheHashedFindingIdentityAndIgnoresEvidence() throws Exception {
        JsonNode results = sarif(SampleResults.sample()).at("/runs/0/results");
        String print = results.at("/0/partialFingerprints").get(SarifRenderer.FINGERPRINT).asText();
        assertThat(print).matches("[0-9a-f]{64}")
                .isEqualTo(SarifRenderer.fingerprint(
                        new FindingKey("IMDS-001", "123456789012", "us-east-1", "i-0abc")));
        // The same finding with other evidence and status (tomorrow's run) keeps its fingerprint...
        ScanResult s = SampleResults.sample();
        Finding tomorrow = s.findings().get(0).withEvidence(new RuleDetails(List.of("changed")))
                .withStatus(Finding.EXISTING);
        JsonNode again = sarif(s.withFindings(List.of(tomorrow), List.of()))
                .at("/runs/0/results/0/partialFingerprints");
        assertThat(again.get(SarifRenderer.FINGERPRINT).asText()).isEqualTo(print);
        // ...and every other finding has its own.
        assertThat(results.findValuesAsText(SarifRenderer.FINGERPRINT)).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void eachResultHasALogicalLocationNamedByTheResourceArn() throws Exception {
        JsonNode location = sarif(SampleResults.sample()).at("/runs/0/results/0/locations/0");
        assertThat(location.at("/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc");
        assertThat(location.at("/logicalLocations/0/kind").asText()).isEqualTo("resource");
        assertThat(location.at("/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("aws/123456789012/us-east-1/i-0abc");
    }

    @Test
    void ruleHelpCarriesTheRemediationAsTextAndMarkdownAndSeverityStaysSortable() throws Exception {
        JsonNode rule = sarif(SampleResults.sample()).at("/runs/0/tool/driver/rules/0");
        assertThat(rule.at("/help/text").asText()).contains("Remediation: Require IMDSv2");
        assertThat(rule.at("/help/markdown").asText()).contains("**Remediation**").contains("```\nRequire IMDSv2");
        assertThat(rule.at("/properties/security-severity").asText()).isEqualTo("9.5");
    }

    @Test
    void suppressedFindingsCarryTheirReasonAndBaselineStateOnlyAgainstABaseline() throws Exception {
        JsonNode results = sarif(SampleResults.suppressedAndBaseline()).at("/runs/0/results");
        JsonNode suppression = results.at("/1/suppressions/0");
        assertThat(suppression.get("kind").asText()).isEqualTo("external");
        assertThat(suppression.get("justification").asText()).isEqualTo("accepted until the Q3 migration");
        assertThat(suppression.at("/properties/entry").asText()).isEqualTo("suppressions.yaml#1");
        assertThat(results.at("/0/suppressions").isMissingNode()).isTrue();
        assertThat(results.at("/0/baselineState").asText()).isEqualTo("unchanged");
        assertThat(results.at("/2/baselineState").asText()).isEqualTo("new");

        JsonNode noBaseline = sarif(SampleResults.withGaps()).at("/runs/0/results/0");
        assertThat(noBaseline.has("baselineState")).as("no baseline, nothing is new").isFalse();
    }
}
