package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EC2 Get/ModifyInstanceMetadataDefaults, which moto 5.2.5 does not implement. Keeps the
 * account-level defaults per region so a Modify is visible to a later Get in the same region only.
 */
final class MetadataDefaultsStub {

    /** Request parameter -> response element, in the order AWS writes them. */
    private static final Map<String, String> FIELDS = orderedFields();

    private final Map<String, Map<String, String>> byRegion = new ConcurrentHashMap<>();

    boolean handles(AwsCall call) {
        return "ec2".equals(call.service()) && (call.operation().equals("GetInstanceMetadataDefaults")
                || call.operation().equals("ModifyInstanceMetadataDefaults"));
    }

    ResponseDefinition answer(AwsRequest request) {
        if ("true".equalsIgnoreCase(request.params().get("DryRun"))) {
            return AwsWireFormat.error("ec2", 412, "DryRunOperation",
                    "Request would have succeeded, but DryRun flag is set.");
        }
        Map<String, String> state = byRegion.computeIfAbsent(request.region(), r -> new LinkedHashMap<>());
        if (request.operation().equals("ModifyInstanceMetadataDefaults")) {
            synchronized (state) {
                for (Map.Entry<String, String> field : FIELDS.entrySet()) {
                    String value = request.params().get(field.getKey());
                    if (value == null) {
                        continue;
                    }
                    // "no-preference" (or hop limit -1) clears the account-level setting.
                    if (value.equals("no-preference") || value.equals("-1")) {
                        state.remove(field.getValue());
                    } else {
                        state.put(field.getValue(), value);
                    }
                }
            }
            return AwsWireFormat.ec2Success("ModifyInstanceMetadataDefaults", "<return>true</return>");
        }
        StringBuilder xml = new StringBuilder("<accountLevel>");
        synchronized (state) {
            for (String element : elementOrder()) {
                String value = state.get(element);
                if (value != null) {
                    xml.append('<').append(element).append('>').append(AwsWireFormat.xml(value))
                            .append("</").append(element).append('>');
                }
            }
        }
        xml.append("</accountLevel>");
        return AwsWireFormat.ec2Success("GetInstanceMetadataDefaults", xml.toString());
    }

    /** Sets fields directly, e.g. {@code managedBy=declarative-policy}; a null value removes the field. */
    void seed(String region, Map<String, String> elements) {
        Map<String, String> state = byRegion.computeIfAbsent(region, r -> new LinkedHashMap<>());
        synchronized (state) {
            elements.forEach((element, value) -> {
                if (!elementOrder().contains(element)) {
                    throw new IllegalArgumentException("Unknown accountLevel element: " + element);
                }
                if (value == null) {
                    state.remove(element);
                } else {
                    state.put(element, value);
                }
            });
        }
    }

    void clear() {
        byRegion.clear();
    }

    private static List<String> elementOrder() {
        return List.of("httpTokens", "httpPutResponseHopLimit", "httpEndpoint", "instanceMetadataTags",
                "managedBy", "managedExceptionMessage");
    }

    private static Map<String, String> orderedFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("HttpTokens", "httpTokens");
        fields.put("HttpPutResponseHopLimit", "httpPutResponseHopLimit");
        fields.put("HttpEndpoint", "httpEndpoint");
        fields.put("InstanceMetadataTags", "instanceMetadataTags");
        return fields;
    }
}
