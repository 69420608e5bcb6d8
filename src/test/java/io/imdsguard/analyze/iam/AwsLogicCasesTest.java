package io.imdsguard.analyze.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdsguard.analyze.iam.simulate.PolicySimulator;
import io.imdsguard.analyze.iam.simulate.SimulationResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of {@code iam/aws-logic-cases.json}: one rule of AWS's documented evaluation logic per
 * case (its {@code rule} paraphrases the IAM or Organizations user guide), usually in pairs that check the
 * rule both ways. Each case holds a {@code policy simulate} input and the decision expected from it, with
 * {@code decidedBy} where the evidence matters.
 */
class AwsLogicCasesTest {

    @TestFactory
    Stream<DynamicTest> awsLogicCases() throws IOException {
        JsonNode cases = SimulateCasesTest.load("/iam/aws-logic-cases.json");
        assertThat(cases.size()).isGreaterThan(40);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            int index = i;
            assertThat(c.path("rule").asText()).as("case %s states its rule", c.get("name")).isNotBlank();
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                SimulationResult actual = PolicySimulator.simulateItem(index, c.get("input"));
                JsonNode expected = c.get("expected");
                assertThat(actual.decision()).as(c.get("rule").asText()).isEqualTo(expected.get("decision").asText());
                assertThat(actual.conditional()).as("conditional").isEqualTo(expected.get("conditional").asBoolean());
                if (expected.has("decidedBy")) {
                    List<String> decidedBy = new ArrayList<>();
                    expected.get("decidedBy").forEach(n -> decidedBy.add(n.asText()));
                    assertThat(actual.decidedBy()).as("decidedBy").isEqualTo(decidedBy);
                }
            }));
        }
        return tests.stream();
    }
}
