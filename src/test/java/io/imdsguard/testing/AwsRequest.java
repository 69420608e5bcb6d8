package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.http.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP request the stub received, decoded into the AWS terms the stub routes on.
 *
 * @param call service, operation and region
 * @param params query-protocol parameters (URL query plus form body); empty for JSON protocols
 * @param body the raw request body
 */
record AwsRequest(AwsCall call, Map<String, String> params, String body) {

    private static final Pattern CREDENTIAL_SCOPE =
            Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final Pattern PRESIGNED_SCOPE = Pattern.compile("[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    /** Returns the decoded request, or {@code null} when it is not a SigV4-signed AWS call. */
    static AwsRequest parse(Request request) {
        String path = request.getUrl();
        int q = path.indexOf('?');
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            decodeForm(path.substring(q + 1), params);
            path = path.substring(0, q);
        }
        String[] scope = credentialScope(request.getHeader("Authorization"), params.get("X-Amz-Credential"));
        if (scope == null) {
            return null;
        }
        String region = scope[0];
        String service = scope[1];
        String body = body(request);
        String contentType = request.contentTypeHeader().mimeTypePart();
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            decodeForm(body, params);
        }
        String operation;
        String target = request.getHeader("X-Amz-Target");
        if (target != null && !target.isBlank()) {
            operation = target.substring(target.lastIndexOf('.') + 1);
        } else if (params.containsKey("Action")) {
            operation = params.get("Action");
        } else if ("s3".equals(service)) {
            operation = S3OperationNames.of(request.getMethod().getName(), path, params.keySet());
        } else {
            operation = request.getMethod().getName() + " " + path;
        }
        // CloudWatch signs as "monitoring"; calls are named as IAM names them ("cloudwatch:GetMetricData").
        if ("monitoring".equals(service)) {
            service = "cloudwatch";
        }
        // ELB and ELBv2 share the signing name; only the API version tells them apart.
        if ("elasticloadbalancing".equals(service) && "2015-12-01".equals(params.get("Version"))) {
            service = "elasticloadbalancingv2";
        }
        return new AwsRequest(new AwsCall(service, operation, region), params, body);
    }

    /** The body as text; the SDK gzips large CloudWatch PutMetricData bodies (request compression). */
    private static String body(Request request) {
        String encoding = request.getHeader("Content-Encoding");
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            return request.getBodyAsString();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.getBody()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return request.getBodyAsString();
        }
    }

    private static String[] credentialScope(String authorization, String presignedCredential) {
        if (authorization != null) {
            Matcher m = CREDENTIAL_SCOPE.matcher(authorization);
            if (m.find()) {
                return new String[] {m.group(1), m.group(2)};
            }
        }
        if (presignedCredential != null) {
            Matcher m = PRESIGNED_SCOPE.matcher(presignedCredential);
            if (m.matches()) {
                return new String[] {m.group(1), m.group(2)};
            }
        }
        return null;
    }

    private static void decodeForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            into.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    String service() {
        return call.service();
    }

    String operation() {
        return call.operation();
    }

    String region() {
        return call.region();
    }
}
