package io.imdsguard.analyze.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.analyze.iam.simulate.PolicySimulator;
import io.imdsguard.analyze.iam.simulate.SimulationInputException;
import io.imdsguard.analyze.iam.simulate.SimulationResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every case of {@code iam/simulate-cases.json}: policies + request -> expected simulate output,
 * or, for {@code expectError} cases, the one-line error message.
 */
class SimulateCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> simulateCases() throws IOException {
        JsonNode cases = load("/iam/simulate-cases.json");
        assertThat(cases.size()).isGreaterThan(50);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            int index = i;
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                if (c.has("expectError")) {
                    // Index 7 stands for "the item's position" so the message's item number is checked too.
                    assertThatThrownBy(() -> PolicySimulator.simulateItem(7, c.get("input")))
                            .isInstanceOf(SimulationInputException.class)
                            .hasMessageContaining(c.get("expectError").asText());
                    return;
                }
                SimulationResult actual = PolicySimulator.simulateItem(index, c.get("input"));
                JsonNode expected = c.get("expected");
                List<String> decidedBy = new ArrayList<>();
                expected.get("decidedBy").forEach(n -> decidedBy.add(n.asText()));
                assertThat(actual).isEqualTo(new SimulationResult(expected.get("decision").asText(),
                        expected.get("conditional").asBoolean(), decidedBy));
            }));
        }
        return tests.stream();
    }

    static JsonNode load(String resource) throws IOException {
        try (InputStream in = SimulateCasesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
