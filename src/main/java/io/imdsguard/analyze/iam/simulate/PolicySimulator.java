package io.imdsguard.analyze.iam.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imdsguard.analyze.iam.PolicyEvaluator;
import io.imdsguard.analyze.iam.policy.PolicyFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine behind {@code imdsguard policy simulate}: reads one request object or an array of them,
 * evaluates each with the request's context, and writes one result object or an array in input order.
 */
public final class PolicySimulator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicySimulator() {
    }

    /**
     * Simulates every item of {@code inputJson} and returns pretty-printed JSON.
     *
     * @throws SimulationInputException with a one-line message naming the item index
     */
    public static String simulate(String inputJson) {
        JsonNode root;
        try {
            root = JSON.readTree(inputJson);
        } catch (JsonProcessingException e) {
            throw new SimulationInputException("input is not JSON: " + e.getOriginalMessage().replace('\n', ' '), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new SimulationInputException("input is empty", null);
        }
        try {
            if (!root.isArray()) {
                return JSON.writeValueAsString(simulateItem(0, root));
            }
            List<SimulationResult> results = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                results.add(simulateItem(i, root.get(i)));
            }
            return JSON.writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write simulation result", e);
        }
    }

    /** Evaluates one parsed item; exposed for callers that already hold the JSON tree. */
    public static SimulationResult simulateItem(int index, JsonNode item) {
        SimulationCase c;
        try {
            c = SimulationInputReader.read(item);
        } catch (PolicyFormatException e) {
            throw new SimulationInputException("item " + index + ": " + e.getMessage(), e);
        }
        return SimulationResult.of(PolicyEvaluator.evaluate(c.policies(), c.request()));
    }
}
