package io.imdsguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WAFv2 ListResourcesForWebACL, which moto 5.2.5 lacks although it stores associations. The stub
 * watches AssociateWebACL/DisassociateWebACL on their way to moto (they still reach it, so
 * GetWebACLForResource keeps working) and answers ListResourcesForWebACL from what it saw.
 */
final class WebAclAssociationStub {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** resource ARN -> web ACL ARN; a resource has at most one web ACL, as in AWS. */
    private final Map<String, String> aclByResource = new ConcurrentHashMap<>();

    /** Records an association change; always lets the request through to the emulator. */
    void observe(AwsRequest request) {
        if (!"wafv2".equals(request.service())) {
            return;
        }
        if (request.operation().equals("AssociateWebACL")) {
            JsonNode body = parse(request.body());
            if (body.hasNonNull("WebACLArn") && body.hasNonNull("ResourceArn")) {
                aclByResource.put(body.get("ResourceArn").asText(), body.get("WebACLArn").asText());
            }
        } else if (request.operation().equals("DisassociateWebACL")) {
            JsonNode body = parse(request.body());
            if (body.hasNonNull("ResourceArn")) {
                aclByResource.remove(body.get("ResourceArn").asText());
            }
        }
    }

    boolean handles(AwsCall call) {
        return "wafv2".equals(call.service()) && "ListResourcesForWebACL".equals(call.operation());
    }

    ResponseDefinition answer(AwsRequest request) {
        JsonNode body = parse(request.body());
        String acl = body.path("WebACLArn").asText(null);
        if (acl == null) {
            return AwsWireFormat.error("wafv2", 400, "WAFInvalidParameterException", "WebACLArn is required");
        }
        String type = body.path("ResourceType").asText("APPLICATION_LOAD_BALANCER");
        ObjectNode response = JSON.createObjectNode();
        ArrayNode arns = response.putArray("ResourceArns");
        aclByResource.forEach((resource, webAcl) -> {
            if (webAcl.equals(acl) && type.equals(resourceType(resource))) {
                arns.add(resource);
            }
        });
        return AwsWireFormat.jsonSuccess(response.toString());
    }

    void clear() {
        aclByResource.clear();
    }

    private static String resourceType(String arn) {
        if (arn.contains(":loadbalancer/app/")) {
            return "APPLICATION_LOAD_BALANCER";
        }
        if (arn.contains(":apigateway:")) {
            return "API_GATEWAY";
        }
        if (arn.contains(":appsync:")) {
            return "APPSYNC";
        }
        if (arn.contains(":cognito-idp:")) {
            return "COGNITO_USER_POOL";
        }
        if (arn.contains(":apprunner:")) {
            return "APP_RUNNER_SERVICE";
        }
        return "VERIFIED_ACCESS_INSTANCE";
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
