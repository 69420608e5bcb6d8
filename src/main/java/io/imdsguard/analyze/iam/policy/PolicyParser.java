package io.imdsguard.analyze.iam.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads IAM policy JSON into {@link PolicyDocument}s. Jackson rather than the SDK's IamPolicyReader:
 * we need the raw element forms (Not*, typed principals, every condition value) and errors that say
 * which policy and which statement is wrong; the reader normalises those away.
 */
public final class PolicyParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Statements by document text, parsed once per process: the accounts of an organization attach the same
     * documents under their own ARNs, and a scan of 1,400 accounts parsed each of them 1,400 times.
     * Statements are immutable and name no policy; only documents that parse are kept.
     */
    private static final int MAX_CACHED = 20_000;
    private static final Map<String, List<Statement>> PARSED = new ConcurrentHashMap<>();

    private PolicyParser() {
    }

    /**
     * Parses policy JSON text.
     *
     * @param name how the policy is reported (managed ARN, {@code role/inline-name}, {@code identityPolicies[0]})
     * @throws PolicyFormatException naming the policy when the text is not a valid policy
     */
    public static PolicyDocument parse(String name, String json) {
        if (json == null || json.isBlank()) {
            throw new PolicyFormatException("policy " + name + ": empty document");
        }
        List<Statement> cached = PARSED.get(json);
        if (cached != null) {
            return new PolicyDocument(name, cached);
        }
        PolicyDocument document;
        try {
            document = parse(name, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new PolicyFormatException("policy " + name + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (PARSED.size() < MAX_CACHED) {
            PARSED.put(json, document.statements());
        }
        return document;
    }

    /** Parses an already-read policy node; same contract as {@link #parse(String, String)}. */
    public static PolicyDocument parse(String name, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new PolicyFormatException("policy " + name + ": expected a JSON object");
        }
        JsonNode statements = root.get("Statement");
        if (statements == null) {
            throw new PolicyFormatException("policy " + name + ": no Statement");
        }
        List<Statement> parsed = new ArrayList<>();
        if (statements.isArray()) {
            for (int i = 0; i < statements.size(); i++) {
                parsed.add(statement(name, i, statements.get(i)));
            }
        } else {
            parsed.add(statement(name, 0, statements));
        }
        return new PolicyDocument(name, parsed);
    }

    private static Statement statement(String policy, int index, JsonNode node) {
        String where = "policy " + policy + " statement #" + index + ": ";
        if (!node.isObject()) {
            throw new PolicyFormatException(where + "expected a JSON object");
        }
        try {
            String sid = node.hasNonNull("Sid") ? node.get("Sid").asText() : null;
            return new Statement(sid, index, effect(node.get("Effect")),
                    patterns(node, "Action", "NotAction", true, false),
                    patterns(node, "Resource", "NotResource", false, true),
                    principal(node), conditions(node.get("Condition")));
        } catch (PolicyFormatException e) {
            throw new PolicyFormatException(where + e.getMessage(), e);
        }
    }

    private static Effect effect(JsonNode node) {
        String text = node == null ? "" : node.asText();
        return switch (text) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new PolicyFormatException("Effect must be Allow or Deny, got '" + text + "'");
        };
    }

    private static PatternList patterns(JsonNode node, String positive, String negative, boolean ignoreCase,
                                        boolean optional) {
        JsonNode pos = node.get(positive);
        JsonNode neg = node.get(negative);
        if (pos != null && neg != null) {
            throw new PolicyFormatException("both " + positive + " and " + negative);
        }
        if (pos == null && neg == null) {
            if (optional) {
                return PatternList.any();
            }
            throw new PolicyFormatException("neither " + positive + " nor " + negative);
        }
        String element = pos != null ? positive : negative;
        List<WildcardPattern> patterns = new ArrayList<>();
        for (String s : strings(pos != null ? pos : neg, element)) {
            patterns.add(ignoreCase ? WildcardPattern.caseInsensitive(s) : WildcardPattern.caseSensitive(s));
        }
        return new PatternList(neg != null, patterns);
    }

    private static PrincipalSpec principal(JsonNode node) {
        JsonNode pos = node.get("Principal");
        JsonNode neg = node.get("NotPrincipal");
        if (pos == null && neg == null) {
            return null;
        }
        JsonNode p = pos != null ? pos : neg;
        Map<String, List<String>> byType = new LinkedHashMap<>();
        if (p.isTextual()) {
            if (!"*".equals(p.asText())) {
                throw new PolicyFormatException("Principal string must be \"*\"");
            }
            byType.put("*", List.of("*"));
        } else if (p.isObject()) {
            p.fields().forEachRemaining(e -> byType.put(e.getKey(), strings(e.getValue(), "Principal")));
        } else {
            throw new PolicyFormatException("Principal must be \"*\" or an object");
        }
        return new PrincipalSpec(neg != null, byType);
    }

    private static List<ConditionClause> conditions(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new PolicyFormatException("Condition must be an object");
        }
        List<ConditionClause> clauses = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            ConditionOperator operator = ConditionOperator.parse(op.getKey());
            if (!op.getValue().isObject()) {
                throw new PolicyFormatException("Condition operator " + op.getKey() + " must map keys to values");
            }
            op.getValue().fields().forEachRemaining(kv -> {
                List<String> values = strings(kv.getValue(), kv.getKey());
                checkAddresses(operator, kv.getKey(), values);
                clauses.add(new ConditionClause(operator, kv.getKey(), values));
            });
        }
        return clauses;
    }

    /**
     * IAM refuses a policy whose IpAddress/NotIpAddress value is not an address or CIDR; read as "never
     * matches" instead, a typo such as {@code 203.0.113.0/33} would pass for a deliberate deny.
     */
    private static void checkAddresses(ConditionOperator operator, String key, List<String> values) {
        ConditionOperator.Comparison c = operator.comparison();
        if (c != ConditionOperator.Comparison.IP_ADDRESS && c != ConditionOperator.Comparison.NOT_IP_ADDRESS) {
            return;
        }
        for (String value : values) {
            if (!ValueComparisons.isAddressOrCidr(value)) {
                throw new PolicyFormatException("Condition " + operator.name() + " " + key + ": '" + value
                        + "' is not an IP address or CIDR");
            }
        }
    }

    /** A string, number or boolean, or a list of them, as text: IAM accepts both forms everywhere. */
    static List<String> strings(JsonNode node, String element) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                out.add(scalar(item, element));
            }
        } else {
            out.add(scalar(node, element));
        }
        if (out.isEmpty()) {
            throw new PolicyFormatException(element + " is an empty list");
        }
        return out;
    }

    private static String scalar(JsonNode node, String element) {
        if (!node.isValueNode() || node.isNull()) {
            throw new PolicyFormatException(element + " must be a string or a list of strings");
        }
        return node.asText();
    }
}
