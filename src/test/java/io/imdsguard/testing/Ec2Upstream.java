package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * EC2 calls the stub itself sends to the emulator, signed as the caller signed its request (moto takes
 * account, region and service from the credential scope), so the answer is the one the caller's own
 * call would have got. Bodies are kept as ISO-8859-1 text, one char per byte, so an answer the stub
 * edits stays byte-identical outside the edit.
 */
final class Ec2Upstream {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> SIGNING_HEADERS = List.of("Authorization", "X-Amz-Date", "X-Amz-Security-Token");
    /** Headers the HTTP layer sets itself when WireMock writes the (possibly edited) answer. */
    private static final Set<String> NOT_COPIED = Set.of("content-length", "transfer-encoding", "connection", "date",
            "server", ":status");

    private volatile URI endpoint;

    /** The emulator's answer, headers as sent. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        boolean ok() {
            return status == 200;
        }

        /** This answer with {@code newBody} in place of its body. */
        ResponseDefinition toResponse(String newBody) {
            List<HttpHeader> copied = new ArrayList<>();
            headers.forEach((name, values) -> {
                if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                    copied.add(new HttpHeader(name, values));
                }
            });
            return new ResponseDefinitionBuilder().withStatus(status).withHeaders(new HttpHeaders(copied))
                    .withBody(newBody.getBytes(StandardCharsets.ISO_8859_1)).build();
        }

        ResponseDefinition toResponse() {
            return toResponse(body);
        }
    }

    /** Thrown when the emulator cannot be reached; carries the EC2 error the caller gets instead. */
    static final class Unreachable extends Exception {
        final transient ResponseDefinition response;

        Unreachable(String why) {
            super(why, null, false, false);
            this.response = AwsWireFormat.error("ec2", 500, "InternalError", "emulator: " + why);
        }
    }

    /** Where the emulator listens; set once it is chosen. */
    void endpoint(URI upstream) {
        this.endpoint = upstream;
    }

    /** The caller's own request, unchanged. */
    Answer forward(Request original) throws Unreachable {
        String contentType = original.getHeader("Content-Type");
        return send(original, original.getMethod().getName(), original.getUrl(), contentType, original.getBody());
    }

    /** DescribeInstances of these ids (filter instance-id, so a missing id is no error), as the caller signed. */
    Answer describeInstances(Request original, String version, List<String> instanceIds) throws Unreachable {
        StringBuilder form = new StringBuilder("Action=DescribeInstances&Version=")
                .append(encode(version == null ? "2016-11-15" : version))
                .append("&Filter.1.Name=instance-id");
        for (int i = 0; i < instanceIds.size(); i++) {
            form.append("&Filter.1.Value.").append(i + 1).append('=').append(encode(instanceIds.get(i)));
        }
        return send(original, "POST", "/", "application/x-www-form-urlencoded; charset=utf-8",
                form.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Answer send(Request original, String method, String pathAndQuery, String contentType, byte[] body)
            throws Unreachable {
        URI upstream = endpoint;
        if (upstream == null) {
            throw new Unreachable("the stub has no upstream");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream.toString().replaceAll("/+$", "")
                        + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (String header : SIGNING_HEADERS) {
            String value = original.getHeader(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(),
                    new String(response.body(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new Unreachable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
