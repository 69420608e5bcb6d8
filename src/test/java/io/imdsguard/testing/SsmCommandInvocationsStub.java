package io.imdsguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeSet;

/**
 * SSM commands where moto 5.2.5 falls short. It lacks ListCommandInvocations, and its SendCommand adds
 * every EC2 instance of the region to a command sent with InstanceIds and no Targets (an empty Targets
 * filter matches all), so its ListCommands names instances the command never went to.
 *
 * <p>So SendCommand and ListCommands are passed to moto by this stub (signed as the caller signed them,
 * so the same account and region answer), which remembers the InstanceIds each SendCommand asked for and
 * puts them back in both answers. ListCommandInvocations is answered from those commands: each
 * invocation's state is the output seeded for the instance ({@link SsmCommandOutputStub}), else moto's
 * own (Success, no output). It honours CommandId, InstanceId, the Status filter, Details (CommandPlugins
 * with Output cut at 2,500 characters, as AWS does) and MaxResults/NextToken paging.
 */
final class SsmCommandInvocationsStub {

    static final int DETAILS_OUTPUT_LIMIT = 2_500;
    private static final int DEFAULT_PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final SsmCommandOutputStub outputs;
    /** region/commandId -> the instance ids SendCommand asked for. */
    private final Map<String, List<String>> requestedIds = new ConcurrentHashMap<>();
    private volatile URI upstream;

    SsmCommandInvocationsStub(SsmCommandOutputStub outputs) {
        this.outputs = outputs;
    }

    /** Where moto listens; set once the emulator is chosen. */
    void upstream(URI endpoint) {
        this.upstream = endpoint;
    }

    boolean handles(AwsCall call) {
        return "ssm".equals(call.service()) && OPERATIONS.contains(call.operation());
    }

    private static final Set<String> OPERATIONS = Set.of("ListCommandInvocations", "SendCommand", "ListCommands");

    void clear() {
        requestedIds.clear();
    }

    ResponseDefinition answer(AwsRequest request, Request http) {
        try {
            return switch (request.operation()) {
                case "SendCommand" -> sendCommand(request, http);
                case "ListCommands" -> AwsWireFormat.jsonSuccess(listCommands(request, http,
                        parse(request.body())).toString());
                default -> listInvocations(request, http);
            };
        } catch (UpstreamError e) {
            return e.response;
        }
    }

    private ResponseDefinition sendCommand(AwsRequest request, Request http) throws UpstreamError {
        JsonNode body = parse(request.body());
        ObjectNode response = (ObjectNode) forward(http, "SendCommand", body);
        if (body.has("InstanceIds") && body.path("Targets").isEmpty() && response.path("Command").isObject()) {
            List<String> ids = new ArrayList<>();
            body.get("InstanceIds").forEach(id -> ids.add(id.asText()));
            ObjectNode command = (ObjectNode) response.get("Command");
            requestedIds.put(request.region() + "/" + command.path("CommandId").asText(), List.copyOf(ids));
            correct(request.region(), command);
            if (body.hasNonNull("OutputS3BucketName")) {
                writeOutputsToS3(request.region(), command.path("CommandId").asText(), ids, body);
            }
        }
        return AwsWireFormat.jsonSuccess(response.toString());
    }

    /**
     * What the SSM agent does for a command with OutputS3BucketName: each host's whole stdout goes to
     * {@code [prefix/]commandId/instanceId/awsrunShellScript/0.awsrunShellScript/stdout}, uncut
     * (GetCommandInvocation still cuts it at 24,000 characters). Done for the instances a test seeded.
     */
    private void writeOutputsToS3(String region, String commandId, List<String> ids, JsonNode body) throws UpstreamError {
        String bucket = body.get("OutputS3BucketName").asText();
        String prefix = body.path("OutputS3KeyPrefix").asText("");
        for (String id : ids) {
            SsmCommandOutput output = outputs.seeded(region, id);
            if (output == null || output.stdout() == null || output.stdout().isEmpty()) {
                continue;
            }
            String key = (prefix.isEmpty() ? "" : prefix + "/") + commandId + "/" + id
                    + "/awsrunShellScript/0.awsrunShellScript/stdout";
            putObject(region, bucket, key, output.stdout());
        }
    }

    /** A path-style S3 PutObject to moto; moto reads the service and region from the credential scope. */
    private void putObject(String region, String bucket, String key, String text) throws UpstreamError {
        String date = java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        HttpRequest request = HttpRequest.newBuilder(upstream.resolve("/" + bucket + "/" + key))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/" + date + "/" + region
                        + "/s3/aws4_request, SignedHeaders=host, Signature=0")
                .PUT(HttpRequest.BodyPublishers.ofString(text))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UpstreamError(AwsWireFormat.error("ssm", 500, "InternalFailure",
                        "stub could not write the output to s3://" + bucket + "/" + key + ": " + response.statusCode()));
            }
        } catch (IOException e) {
            throw new UpstreamError(AwsWireFormat.error("ssm", 500, "InternalFailure", "moto: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamError(AwsWireFormat.error("ssm", 500, "InternalFailure", "interrupted"));
        }
    }

    /** moto's ListCommands with each command's instances as SendCommand asked for them. */
    private JsonNode listCommands(AwsRequest request, Request http, JsonNode body) throws UpstreamError {
        ObjectNode query = JSON.createObjectNode();
        if (body.hasNonNull("CommandId")) {
            query.put("CommandId", body.get("CommandId").asText());
        }
        JsonNode answer = forward(http, "ListCommands", query);
        String instance = body.hasNonNull("CommandId") ? null : body.path("InstanceId").asText(null);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode commands = response.putArray("Commands");
        for (JsonNode command : answer.path("Commands")) {
            ObjectNode fixed = command.deepCopy();
            correct(request.region(), fixed);
            boolean hasInstance = false;
            for (JsonNode id : fixed.path("InstanceIds")) {
                hasInstance |= id.asText().equals(instance);
            }
            if (instance == null || hasInstance) {
                commands.add(fixed);
            }
        }
        return response;
    }

    private void correct(String region, ObjectNode command) {
        List<String> ids = requestedIds.get(region + "/" + command.path("CommandId").asText());
        if (ids != null) {
            ArrayNode list = command.putArray("InstanceIds");
            ids.forEach(list::add);
            command.put("TargetCount", ids.size());
            command.put("CompletedCount", ids.size());
        }
    }

    private ResponseDefinition listInvocations(AwsRequest request, Request http) throws UpstreamError {
        JsonNode body = parse(request.body());
        JsonNode commands = listCommands(request, http, body);
        String onlyInstance = body.path("InstanceId").asText(null);
        Set<String> statuses = statusFilter(body);
        boolean details = body.path("Details").asBoolean(false);
        List<ObjectNode> invocations = new ArrayList<>();
        for (JsonNode command : commands.path("Commands")) {
            Set<String> ids = new TreeSet<>();
            command.path("InstanceIds").forEach(id -> ids.add(id.asText()));
            for (String id : ids) {
                if (onlyInstance != null && !onlyInstance.equals(id)) {
                    continue;
                }
                SsmCommandOutput state = outputs.seeded(request.region(), id);
                if (state == null) {
                    state = SsmCommandOutput.success("");
                }
                if (statuses != null && !statuses.contains(state.status())) {
                    continue;
                }
                invocations.add(invocation(command, id, state, details));
            }
        }
        int start = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
        int page = body.hasNonNull("MaxResults") ? body.get("MaxResults").asInt() : DEFAULT_PAGE;
        if (page < 1 || page > 50) {
            return AwsWireFormat.error("ssm", 400, "ValidationException",
                    "1 validation error detected: Value '" + page + "' at 'maxResults' failed to satisfy constraint: "
                            + "Member must have value less than or equal to 50");
        }
        int end = Math.min(invocations.size(), start + page);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode list = response.putArray("CommandInvocations");
        invocations.subList(Math.min(start, end), end).forEach(list::add);
        if (end < invocations.size()) {
            response.put("NextToken", Integer.toString(end));
        }
        return AwsWireFormat.jsonSuccess(response.toString());
    }

    private static ObjectNode invocation(JsonNode command, String instanceId, SsmCommandOutput state, boolean details) {
        ObjectNode json = JSON.createObjectNode();
        json.put("CommandId", command.path("CommandId").asText());
        json.put("InstanceId", instanceId);
        json.put("InstanceName", "");
        json.put("Comment", command.path("Comment").asText(""));
        json.put("DocumentName", command.path("DocumentName").asText(""));
        json.put("DocumentVersion", "$DEFAULT");
        if (command.has("RequestedDateTime")) {
            json.set("RequestedDateTime", command.get("RequestedDateTime"));
        }
        json.put("Status", state.status());
        json.put("StatusDetails", state.status());
        json.put("StandardOutputUrl", "");
        json.put("StandardErrorUrl", "");
        ArrayNode plugins = json.putArray("CommandPlugins");
        if (details) {
            ObjectNode plugin = plugins.addObject();
            plugin.put("Name", "aws:runShellScript");
            plugin.put("Status", state.status());
            plugin.put("StatusDetails", state.status());
            plugin.put("ResponseCode", state.responseCode());
            plugin.put("Output", pluginOutput(state));
            plugin.put("StandardOutputUrl", "");
            plugin.put("StandardErrorUrl", "");
            plugin.put("OutputS3BucketName", command.path("OutputS3BucketName").asText(""));
            plugin.put("OutputS3KeyPrefix", command.path("OutputS3KeyPrefix").asText(""));
        }
        json.put("ServiceRole", "");
        return json;
    }

    /** As AWS shows it: stdout, then stderr under its marker, cut at 2,500 characters. */
    static String pluginOutput(SsmCommandOutput state) {
        String stdout = state.stdout() == null ? "" : state.stdout();
        String stderr = state.stderr() == null ? "" : state.stderr();
        String text = stderr.isEmpty() ? stdout : stdout + "\n----------ERROR-------\n" + stderr;
        return text.length() <= DETAILS_OUTPUT_LIMIT ? text : text.substring(0, DETAILS_OUTPUT_LIMIT);
    }

    private static Set<String> statusFilter(JsonNode body) {
        for (JsonNode filter : body.path("Filters")) {
            if ("Status".equals(filter.path("key").asText(filter.path("Key").asText()))) {
                Set<String> wanted = new HashSet<>();
                wanted.add(filter.path("value").asText(filter.path("Value").asText()));
                return wanted;
            }
        }
        return null;
    }

    /** One SSM call to moto, signed as the caller signed its request (moto routes on the credential scope). */
    private JsonNode forward(Request original, String operation, JsonNode query) throws UpstreamError {
        URI endpoint = upstream;
        if (endpoint == null) {
            throw new UpstreamError(AwsWireFormat.error("ssm", 500, "InternalFailure", "stub has no upstream"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonSSM." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(query.toString()));
        for (String header : List.of("Authorization", "X-Amz-Date", "X-Amz-Security-Token")) {
            String value = original.getHeader(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = parse(response.body());
            if (response.statusCode() != 200) {
                String code = json.path("__type").asText("InternalFailure");
                throw new UpstreamError(AwsWireFormat.error("ssm", response.statusCode(),
                        code.substring(code.lastIndexOf('#') + 1), json.path("message").asText(operation + " failed")));
            }
            return json;
        } catch (IOException e) {
            throw new UpstreamError(AwsWireFormat.error("ssm", 500, "InternalFailure", "moto: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamError(AwsWireFormat.error("ssm", 500, "InternalFailure", "interrupted"));
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static final class UpstreamError extends Exception {
        final transient ResponseDefinition response;

        UpstreamError(ResponseDefinition response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
