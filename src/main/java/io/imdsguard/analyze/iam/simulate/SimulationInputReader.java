package io.imdsguard.analyze.iam.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdsguard.analyze.iam.AccessRequest;
import io.imdsguard.analyze.iam.PolicySet;
import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PolicyFormatException;
import io.imdsguard.analyze.iam.policy.PolicyParser;
import io.imdsguard.analyze.iam.policy.RequestContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns one input item (DESIGN section 4 shape) into a {@link SimulationCase}. */
final class SimulationInputReader {
    private SimulationInputReader() {
    }

    /** @throws PolicyFormatException describing the problem, without the item index (the caller adds it) */
    static SimulationCase read(JsonNode item) {
        if (!item.isObject()) {
            throw new PolicyFormatException("expected a JSON object");
        }
        List<PolicyDocument> identity = documents(item.get("identityPolicies"), "identityPolicies");
        List<PolicyDocument> boundaries = documents(item.get("permissionBoundaries"), "permissionBoundaries");
        List<List<PolicyDocument>> scps = new ArrayList<>();
        JsonNode scpNode = item.get("serviceControlPolicies");
        if (scpNode != null && !scpNode.isNull()) {
            requireArray(scpNode, "serviceControlPolicies");
            for (int i = 0; i < scpNode.size(); i++) {
                String name = "serviceControlPolicies[" + i + "]";
                JsonNode level = scpNode.get(i);
                // A level without policies would silently deny everything; AWS always has at least one.
                if (!level.isObject() || !level.hasNonNull("policies")) {
                    throw new PolicyFormatException(name + " must be an object {orgIdentifier, policies}");
                }
                scps.add(documents(level.get("policies"), name + ".policies"));
            }
        }
        JsonNode resourceNode = item.get("resourcePolicy");
        PolicyDocument resource = resourceNode == null || resourceNode.isNull() ? null
                : document("resourcePolicy", resourceNode);
        return new SimulationCase(new PolicySet(identity, boundaries, scps, resource), request(item.get("request")));
    }

    private static AccessRequest request(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new PolicyFormatException("request is missing or not an object");
        }
        String action = text(node, "action");
        if (action == null || action.isBlank()) {
            throw new PolicyFormatException("request.action is missing");
        }
        String resource = text(node, "resource");
        return new AccessRequest(action, resource == null ? "*" : resource, text(node, "principal"),
                text(node, "resourceAccount"), context(node.get("context")));
    }

    private static RequestContext context(JsonNode node) {
        if (node == null || node.isNull()) {
            return RequestContext.empty();
        }
        if (!node.isObject()) {
            throw new PolicyFormatException("request.context must be an object");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            List<String> list = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> list.add(scalar(v, e.getKey())));
            } else {
                list.add(scalar(e.getValue(), e.getKey()));
            }
            values.put(e.getKey(), list);
        });
        return new RequestContext(values);
    }

    private static String scalar(JsonNode v, String key) {
        if (!v.isValueNode() || v.isNull()) {
            throw new PolicyFormatException("request.context." + key + " must be a string, number, boolean or list");
        }
        return v.asText();
    }

    private static List<PolicyDocument> documents(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        requireArray(node, name);
        List<PolicyDocument> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(document(name + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    // A policy may be given as an object or, as the AWS CLI does, as a JSON string holding the document.
    private static PolicyDocument document(String name, JsonNode node) {
        return node.isTextual() ? PolicyParser.parse(name, node.asText()) : PolicyParser.parse(name, node);
    }

    private static void requireArray(JsonNode node, String name) {
        if (!node.isArray()) {
            throw new PolicyFormatException(name + " must be a list");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
