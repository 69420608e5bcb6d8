package io.imdsguard.analyze.iam.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddressString;
import io.imdsguard.analyze.iam.AccessRequest;
import io.imdsguard.analyze.iam.PolicySet;
import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PolicyFormatException;
import io.imdsguard.analyze.iam.policy.PolicyParser;
import io.imdsguard.analyze.iam.policy.RequestContext;
import io.imdsguard.analyze.iam.policy.Statement;
import io.imdsguard.inventory.AccountIds;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns one input item (the documented request shape) into a {@link SimulationCase}. */
final class SimulationInputReader {
    private static final List<String> ITEM_KEYS = List.of("identityPolicies", "permissionBoundaries",
            "serviceControlPolicies", "resourcePolicy", "request", "resourceControlPolicies", "managementAccount");
    private static final List<String> REQUEST_KEYS = List.of("action", "resource", "resourceAccount", "principal",
            "context");
    private static final String SCPS = "serviceControlPolicies";
    private static final String RCPS = "resourceControlPolicies";
    private static final List<String> SCP_KEYS = List.of("orgIdentifier", "policies");

    private SimulationInputReader() {
    }

    /**
     * The first key of the item, its request or one of its SCP levels that the format does not have,
     * described ("unknown key 'x' in request (expected one of: ...)"). A misspelt key is refused rather
     * than ignored: an ignored "permissionsBoundaries" would silently answer Allowed.
     */
    static Optional<String> unknownKey(JsonNode item) {
        Optional<String> top = unknownKey(item, ITEM_KEYS, "");
        if (top.isPresent()) {
            return top;
        }
        Optional<String> request = unknownKey(item.get("request"), REQUEST_KEYS, " in request");
        if (request.isPresent()) {
            return request;
        }
        for (String field : List.of(SCPS, RCPS)) {
            JsonNode levels = item.get(field);
            if (levels != null && levels.isArray()) {
                for (int i = 0; i < levels.size(); i++) {
                    Optional<String> level = unknownKey(levels.get(i), SCP_KEYS, " in " + field + "[" + i + "]");
                    if (level.isPresent()) {
                        return level;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unknownKey(JsonNode node, List<String> known, String where) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return Optional.of("unknown key '" + name + "'" + where + " (expected one of: "
                        + String.join(", ", known) + ")");
            }
        }
        return Optional.empty();
    }

    /** @throws PolicyFormatException describing the problem, without the item index (the caller adds it) */
    static SimulationCase read(JsonNode item) {
        if (!item.isObject()) {
            throw new PolicyFormatException("expected a JSON object");
        }
        List<PolicyDocument> identity = documents(item.get("identityPolicies"), "identityPolicies");
        List<PolicyDocument> boundaries = documents(item.get("permissionBoundaries"), "permissionBoundaries");
        List<List<PolicyDocument>> scps = levels(item.get(SCPS), SCPS);
        List<List<PolicyDocument>> rcps = levels(item.get(RCPS), RCPS);
        String management = managementAccount(item.get("managementAccount"));
        JsonNode resourceNode = item.get("resourcePolicy");
        PolicyDocument resource = resourceNode == null || resourceNode.isNull() ? null
                : resourcePolicy(document("resourcePolicy", resourceNode));
        return new SimulationCase(new PolicySet(identity, boundaries, scps, rcps, resource, management),
                request(item.get("request")));
    }

    /** SCP or RCP levels, root first: each {orgIdentifier, policies}. */
    private static List<List<PolicyDocument>> levels(JsonNode node, String field) {
        List<List<PolicyDocument>> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        requireArray(node, field);
        for (int i = 0; i < node.size(); i++) {
            String name = field + "[" + i + "]";
            JsonNode level = node.get(i);
            // A level without policies would silently deny everything; AWS always has at least one.
            if (!level.isObject() || !level.hasNonNull("policies")) {
                throw new PolicyFormatException(name + " must be an object {orgIdentifier, policies}");
            }
            out.add(documents(level.get("policies"), name + ".policies"));
        }
        return out;
    }

    /** The management account's id: SCPs do not limit its principals, RCPs not its resources. */
    private static String managementAccount(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !AccountIds.valid(node.asText())) {
            throw new PolicyFormatException("managementAccount must be a 12-digit account id, got " + node);
        }
        return node.asText();
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

    /** A request field: absent, null or a string; anything else would be read as "" and quietly match nothing. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new PolicyFormatException("request." + field + " must be a string, got " + v.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT) + " " + v);
        }
        return v.asText();
    }

    private static final String SOURCE_IP = "aws:SourceIp";

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
            if (SOURCE_IP.equalsIgnoreCase(e.getKey())) {
                // AWS fills this key with the caller's address; anything else here is a typo that would match no
                // condition.
                list.stream().filter(ip -> new IPAddressString(ip.trim()).getAddress() == null).findFirst()
                        .ifPresent(bad -> {
                            throw new PolicyFormatException("request.context." + e.getKey() + ": '" + bad
                                    + "' is not an IP address");
                        });
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

    /**
     * A resource policy says whom each statement is for: AWS refuses one whose statement has neither
     * Principal nor NotPrincipal (MalformedPolicy), and evaluated as it is, such a statement would quietly
     * grant and deny nothing.
     */
    private static PolicyDocument resourcePolicy(PolicyDocument policy) {
        for (Statement s : policy.statements()) {
            if (s.principal() == null) {
                throw new PolicyFormatException("policy " + policy.name() + " statement #" + s.index()
                        + ": a resource policy statement needs a Principal or NotPrincipal (AWS refuses one without)");
            }
        }
        return policy;
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
}
