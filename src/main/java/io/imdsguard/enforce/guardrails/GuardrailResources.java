package io.imdsguard.enforce.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The guardrail documents as they are kept in {@code src/main/resources/guardrails/}: reviewed there as
 * plain JSON, so what is printed is never assembled from Java strings.
 */
final class GuardrailResources {
    static final String SERVICE_CONTROL_POLICY = "service-control-policy.json";
    static final String DECLARATIVE_POLICY = "declarative-policy-ec2.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GuardrailResources() {
    }

    /** A fresh copy of the document {@code file}: callers may change it. */
    static ObjectNode read(String file) {
        try (InputStream in = GuardrailResources.class.getResourceAsStream("/guardrails/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the guardrail document " + file + " is missing from the build");
            }
            JsonNode node = JSON.readTree(in);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException("the guardrail document " + file + " is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the guardrail document " + file, e);
        }
    }
}
