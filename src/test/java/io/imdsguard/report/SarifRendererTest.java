package io.imdsguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.findings.ScanResult;
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
}
