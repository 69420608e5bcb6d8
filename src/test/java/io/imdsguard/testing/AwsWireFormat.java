package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.Set;
import java.util.UUID;

/**
 * Builds responses in each AWS protocol's wire format, so the real SDK parses stubbed answers and
 * injected faults exactly as it would parse AWS's.
 *
 * <p>Protocols as the SDK 2.40.2 service models declare them: ec2 = EC2 query, iam/sts/elb/elbv2 =
 * AWS query, cloudwatch = AWS query too (its JSON protocol is not what 2.40.2 speaks), s3 = REST-XML,
 * ssm/organizations/wafv2 = AWS JSON 1.1.
 */
final class AwsWireFormat {

    /** The namespace EC2 responses are written in; the SDK ignores it but AWS always sends it. */
    static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static final Set<String> JSON_SERVICES = Set.of("ssm", "organizations", "wafv2");
    private static final Set<String> QUERY_SERVICES =
            Set.of("iam", "sts", "elasticloadbalancing", "elasticloadbalancingv2", "cloudwatch");

    private AwsWireFormat() {}

    /** The wire protocol family of a service, by its SDK service name. */
    enum Protocol { EC2, QUERY, REST_XML, JSON }

    static Protocol protocolOf(String service) {
        if ("ec2".equals(service)) {
            return Protocol.EC2;
        }
        if ("s3".equals(service)) {
            return Protocol.REST_XML;
        }
        if (JSON_SERVICES.contains(service)) {
            return Protocol.JSON;
        }
        if (QUERY_SERVICES.contains(service)) {
            return Protocol.QUERY;
        }
        throw new IllegalArgumentException("No wire format known for service '" + service
                + "'; expected one of ec2, s3, " + JSON_SERVICES + ", " + QUERY_SERVICES);
    }

    /** An error response in the service's protocol. */
    static ResponseDefinition error(String service, int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        String msg = xml(message);
        return switch (protocolOf(service)) {
            case EC2 -> xmlResponse(status, requestId, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<Response><Errors><Error><Code>" + xml(code) + "</Code><Message>" + msg
                    + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>");
            case QUERY -> xmlResponse(status, requestId, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>"
                    + xml(code) + "</Code><Message>" + msg + "</Message></Error><RequestId>" + requestId
                    + "</RequestId></ErrorResponse>");
            case REST_XML -> xmlResponse(status, requestId, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<Error><Code>" + xml(code) + "</Code><Message>" + msg + "</Message><RequestId>"
                    + requestId + "</RequestId></Error>");
            case JSON -> new ResponseDefinitionBuilder().withStatus(status)
                    .withHeaders(new HttpHeaders(
                            new HttpHeader("Content-Type", "application/x-amz-json-1.1"),
                            new HttpHeader("x-amzn-RequestId", requestId),
                            new HttpHeader("x-amzn-ErrorType", code)))
                    .withBody("{\"__type\":\"" + json(code) + "\",\"message\":\"" + json(message) + "\"}")
                    .build();
        };
    }

    /** The error code and HTTP status each protocol uses to say "slow down". */
    static ResponseDefinition throttling(String service) {
        return switch (protocolOf(service)) {
            case EC2 -> error(service, 503, "RequestLimitExceeded", "Request limit exceeded.");
            case QUERY -> error(service, 400, "Throttling", "Rate exceeded");
            case REST_XML -> error(service, 503, "SlowDown", "Please reduce your request rate.");
            case JSON -> error(service, 400, "ThrottlingException", "Rate exceeded");
        };
    }

    /** A successful EC2 query-protocol response; {@code innerXml} goes inside the operation element. */
    static ResponseDefinition ec2Success(String operation, String innerXml) {
        String requestId = UUID.randomUUID().toString();
        return xmlResponse(200, requestId, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + operation
                + "Response xmlns=\"" + EC2_NAMESPACE + "\"><requestId>" + requestId + "</requestId>" + innerXml
                + "</" + operation + "Response>");
    }

    /**
     * A successful AWS query-protocol response: {@code innerXml} goes inside {@code <OperationResult>},
     * {@code namespace} is the service's XML namespace (the SDK ignores it but AWS always sends it).
     */
    static ResponseDefinition querySuccess(String operation, String namespace, String innerXml) {
        String requestId = UUID.randomUUID().toString();
        return xmlResponse(200, requestId, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + operation
                + "Response xmlns=\"" + namespace + "\"><" + operation + "Result>" + innerXml + "</" + operation
                + "Result><ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></"
                + operation + "Response>");
    }

    /** A successful AWS JSON 1.1 response. */
    static ResponseDefinition jsonSuccess(String jsonBody) {
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeaders(new HttpHeaders(
                        new HttpHeader("Content-Type", "application/x-amz-json-1.1"),
                        new HttpHeader("x-amzn-RequestId", UUID.randomUUID().toString())))
                .withBody(jsonBody)
                .build();
    }

    private static ResponseDefinition xmlResponse(int status, String requestId, String body) {
        return new ResponseDefinitionBuilder().withStatus(status)
                .withHeaders(new HttpHeaders(
                        new HttpHeader("Content-Type", "text/xml;charset=UTF-8"),
                        new HttpHeader("x-amzn-RequestId", requestId),
                        new HttpHeader("x-amz-request-id", requestId)))
                .withBody(body)
                .build();
    }

    static String xml(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static String json(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
