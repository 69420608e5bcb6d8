package io.imdsguard.analyze.iam.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imdsguard.analyze.iam.PolicyEvaluator;
import io.imdsguard.analyze.iam.policy.PolicyFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine behind {@code imdsguard policy simulate}: reads one request object or an array of them,
 * evaluates each with the request's context, and writes one result object or an array in input order.
 *
 * <p>What is refused whole and what per item: input that is not JSON, and a key the format does not
 * have anywhere in it (a misspelling that would otherwise be ignored and change the answer), refuse
 * the whole input. In an array, an item that cannot be evaluated (an invalid policy, a request field of
 * the wrong type) answers {@code {"error": "..."}} in its place and the others are still evaluated; a
 * single object that cannot be evaluated refuses the input, as there is nothing else to answer.
 */
public final class PolicySimulator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicySimulator() {
    }

    /**
     * The answers to {@code inputJson}, pretty-printed, and how many items answered with an error.
     *
     * @throws SimulationInputException with a one-line message (naming the item index where there is one)
     */
    public static Simulation run(String inputJson) {
        JsonNode root;
        try {
            root = JSON.readTree(inputJson);
        } catch (JsonProcessingException e) {
            throw new SimulationInputException("input is not JSON: " + e.getOriginalMessage().replace('\n', ' '), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new SimulationInputException("input is empty", null);
        }
        if (!root.isArray()) {
            return new Simulation(write(simulateItem(0, root)), 1, 0);
        }
        // Every unknown key first: a misspelling refuses the input before any item is answered.
        for (int i = 0; i < root.size(); i++) {
            refuseUnknownKeys(i, root.get(i));
        }
        List<Object> answers = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < root.size(); i++) {
            try {
                answers.add(evaluate(root.get(i)));
            } catch (PolicyFormatException e) {
                answers.add(Map.of("error", e.getMessage()));
                errors++;
            }
        }
        return new Simulation(write(answers), root.size(), errors);
    }

    /**
     * Evaluates one parsed item; exposed for callers that already hold the JSON tree.
     *
     * @throws SimulationInputException naming {@code index}, if the item has an unknown key or cannot be evaluated
     */
    public static SimulationResult simulateItem(int index, JsonNode item) {
        refuseUnknownKeys(index, item);
        try {
            return evaluate(item);
        } catch (PolicyFormatException e) {
            throw new SimulationInputException("item " + index + ": " + e.getMessage(), e);
        }
    }

    private static void refuseUnknownKeys(int index, JsonNode item) {
        SimulationInputReader.unknownKey(item).ifPresent(problem -> {
            throw new SimulationInputException("item " + index + ": " + problem, null);
        });
    }

    private static SimulationResult evaluate(JsonNode item) {
        SimulationCase c = SimulationInputReader.read(item);
        return SimulationResult.of(PolicyEvaluator.evaluate(c.policies(), c.request()));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write simulation result", e);
        }
    }

    /**
     * What {@link #run} answered.
     *
     * @param json   one result object, or an array of results and {@code {"error": ...}} objects
     * @param items  how many requests the input held
     * @param errors how many of them answered with an error instead of a decision
     */
    public record Simulation(String json, int items, int errors) {
    }
}
