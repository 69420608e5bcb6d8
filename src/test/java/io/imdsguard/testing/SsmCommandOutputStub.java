package io.imdsguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SSM GetCommandInvocation with real output. moto runs no commands, so its invocations have empty
 * output; for instances a test seeded, the stub answers instead (any command id), truncating stdout
 * and stderr to 24,000 and 8,000 characters as AWS does. Unseeded instances go through to moto.
 */
final class SsmCommandOutputStub {

    static final int STDOUT_LIMIT = 24_000;
    static final int STDERR_LIMIT = 8_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, SsmCommandOutput> byRegionAndInstance = new ConcurrentHashMap<>();

    void seed(String region, String instanceId, SsmCommandOutput output) {
        byRegionAndInstance.put(region + "/" + instanceId, output);
    }

    /** What was seeded for the instance, or null. */
    SsmCommandOutput seeded(String region, String instanceId) {
        return byRegionAndInstance.get(region + "/" + instanceId);
    }

    boolean handles(AwsRequest request) {
        if (!"ssm".equals(request.service()) || !"GetCommandInvocation".equals(request.operation())) {
            return false;
        }
        return byRegionAndInstance.containsKey(request.region() + "/" + parse(request.body()).path("InstanceId").asText());
    }

    ResponseDefinition answer(AwsRequest request) {
        JsonNode body = parse(request.body());
        String instanceId = body.path("InstanceId").asText();
        SsmCommandOutput output = byRegionAndInstance.get(request.region() + "/" + instanceId);
        ObjectNode json = JSON.createObjectNode();
        json.put("CommandId", body.path("CommandId").asText());
        json.put("InstanceId", instanceId);
        json.put("DocumentName", "AWS-RunShellScript");
        json.put("DocumentVersion", "$DEFAULT");
        json.put("PluginName", body.path("PluginName").asText("aws:runShellScript"));
        json.put("ResponseCode", output.responseCode());
        json.put("Status", output.status());
        json.put("StatusDetails", output.status());
        json.put("StandardOutputContent", truncate(output.stdout(), STDOUT_LIMIT));
        json.put("StandardOutputUrl", "");
        json.put("StandardErrorContent", truncate(output.stderr(), STDERR_LIMIT));
        json.put("StandardErrorUrl", "");
        return AwsWireFormat.jsonSuccess(json.toString());
    }

    void clear() {
        byRegionAndInstance.clear();
    }

    private static String truncate(String text, int limit) {
        return text == null ? "" : text.length() <= limit ? text : text.substring(0, limit);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
