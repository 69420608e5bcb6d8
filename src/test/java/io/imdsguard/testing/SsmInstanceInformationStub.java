package io.imdsguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SSM DescribeInstanceInformation (AWS JSON 1.1), which moto 5.2.5 lacks: answers the nodes a test
 * seeded for the request's region, honouring the InstanceIds/PingStatus/PlatformTypes/ResourceType
 * filters (both filter styles) and MaxResults/NextToken paging.
 */
final class SsmInstanceInformationStub {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_PAGE = 50;

    private final Map<String, List<SsmInstanceSeed>> byRegion = new ConcurrentHashMap<>();

    boolean handles(AwsCall call) {
        return "ssm".equals(call.service()) && "DescribeInstanceInformation".equals(call.operation());
    }

    void seed(String region, List<SsmInstanceSeed> nodes) {
        byRegion.computeIfAbsent(region, r -> new CopyOnWriteArrayList<>()).addAll(nodes);
    }

    void clear() {
        byRegion.clear();
    }

    ResponseDefinition answer(AwsRequest request) {
        JsonNode body;
        try {
            body = request.body() == null || request.body().isBlank() ? JSON.createObjectNode()
                    : JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            return AwsWireFormat.error("ssm", 400, "ValidationException", "Malformed JSON body");
        }
        List<SsmInstanceSeed> matching = new ArrayList<>();
        for (SsmInstanceSeed node : byRegion.getOrDefault(request.region(), List.of())) {
            if (passes(node, body)) {
                matching.add(node);
            }
        }
        int start = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
        int page = body.hasNonNull("MaxResults") ? body.get("MaxResults").asInt() : DEFAULT_PAGE;
        int end = Math.min(matching.size(), start + page);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode list = response.putArray("InstanceInformationList");
        for (SsmInstanceSeed node : matching.subList(Math.min(start, end), end)) {
            list.add(toJson(node));
        }
        if (end < matching.size()) {
            response.put("NextToken", Integer.toString(end));
        }
        return AwsWireFormat.jsonSuccess(response.toString());
    }

    private static boolean passes(SsmInstanceSeed node, JsonNode body) {
        for (JsonNode filter : body.path("InstanceInformationFilterList")) {
            if (!valueMatches(node, filter.path("key").asText(), filter.path("valueSet"))) {
                return false;
            }
        }
        for (JsonNode filter : body.path("Filters")) {
            if (!valueMatches(node, filter.path("Key").asText(), filter.path("Values"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueMatches(SsmInstanceSeed node, String key, JsonNode values) {
        Set<String> wanted = new HashSet<>();
        values.forEach(v -> wanted.add(v.asText()));
        String actual = switch (key) {
            case "InstanceIds" -> node.instanceId();
            case "PingStatus" -> node.pingStatus();
            case "PlatformTypes" -> node.platformType();
            case "ResourceType" -> "EC2Instance";
            case "AgentVersion" -> node.agentVersion();
            default -> null; // unknown keys (tags, association status) are not modelled: do not filter
        };
        return actual == null || wanted.contains(actual);
    }

    private static ObjectNode toJson(SsmInstanceSeed node) {
        ObjectNode json = JSON.createObjectNode();
        json.put("InstanceId", node.instanceId());
        json.put("PingStatus", node.pingStatus());
        // AWS JSON protocols send timestamps as epoch seconds.
        json.put("LastPingDateTime", node.lastPing().toEpochMilli() / 1000.0);
        json.put("AgentVersion", node.agentVersion());
        json.put("IsLatestVersion", true);
        json.put("PlatformType", node.platformType());
        json.put("PlatformName", node.platformName());
        json.put("PlatformVersion", node.platformVersion());
        json.put("ResourceType", "EC2Instance");
        if (node.ipAddress() != null) {
            json.put("IPAddress", node.ipAddress());
        }
        if (node.computerName() != null) {
            json.put("ComputerName", node.computerName());
        }
        json.put("AssociationStatus", "Success");
        json.put("SourceId", node.instanceId());
        json.put("SourceType", "AWS::EC2::Instance");
        return json;
    }
}
