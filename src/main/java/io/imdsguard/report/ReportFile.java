package io.imdsguard.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.evidence.MetadataNoTokenCounts;
import io.imdsguard.findings.Severity;
import io.imdsguard.input.InputErrors;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.trace.V1Caller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JSON report ({@code scan --format json}, schema version 1) read back for what other commands act
 * on: its findings' rule, severity, account, region and resource, and the IMDSv1 usage evidence a scan
 * with {@code --evidence} attached. Reading is strict: a field of the
 * wrong type or a finding without its rule, account, region or resource is an error naming
 * {@code file:line:col} and the field; fields this build does not know are allowed (the schema may add them).
 */
public record ReportFile(Path file, List<Finding> findings) {

    /** The snapshot's strict reader: a region written as 5 is an error, not "5". */
    private static final ObjectMapper MAPPER = SnapshotIO.mapper();

    public ReportFile {
        findings = List.copyOf(findings);
    }

    /**
     * One finding of the report, as far as targeting needs it. {@code resourceName} may be null.
     *
     * @param imdsV1Callers   the evidence's traced IMDSv1 callers, when the scan had them ({@code scan --evidence})
     * @param metadataNoToken the evidence's CloudWatch counts, when the scan had them
     */
    public record Finding(String ruleId, Severity severity, String account, String region, String resourceType,
                          String resourceId, String resourceName, List<V1Caller> imdsV1Callers,
                          MetadataNoTokenCounts metadataNoToken) {
        public Finding {
            imdsV1Callers = imdsV1Callers == null ? null : List.copyOf(imdsV1Callers);
        }

        /** A finding without usage evidence. */
        public Finding(String ruleId, Severity severity, String account, String region, String resourceType,
                       String resourceId, String resourceName) {
            this(ruleId, severity, account, region, resourceType, resourceId, resourceName, null, null);
        }
    }

    /** Reads and checks {@code file}. */
    public static ReportFile read(Path file) throws ReportFormatException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ReportFormatException(file + ": is a directory", null);
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ReportFormatException(InputErrors.describe(file, e), e);
        }
        if (text.isBlank()) {
            throw new ReportFormatException(file + ": empty file (expected a JSON report)", null);
        }
        checkVersion(file, text);
        Document document;
        try {
            document = MAPPER.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(InputErrors.describe(file.toString(), MAPPER.getFactory(), text, e), e);
        }
        return new ReportFile(file, document.findings.stream().map(FindingJson::toFinding).toList());
    }

    /** Before mapping: a report of another version would otherwise fail on whichever field changed. */
    private static void checkVersion(Path file, String text) throws ReportFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(InputErrors.describe(file.toString(), e), e);
        }
        if (!root.isObject()) {
            throw new ReportFormatException(file + ": expected a JSON report object", null);
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new ReportFormatException(file + ": missing schemaVersion (is this an imdsguard JSON report?)", null);
        }
        if (version.isIntegralNumber() && version.asInt() != JsonRenderer.SCHEMA_VERSION) {
            throw new ReportFormatException(file + ": schemaVersion " + version.asText()
                    + " is not supported (this build reads " + JsonRenderer.SCHEMA_VERSION + ")", null);
        }
    }

    private record Document(int schemaVersion, List<FindingJson> findings) {
        @JsonCreator
        Document(@JsonProperty("schemaVersion") int schemaVersion, @JsonProperty("findings") List<FindingJson> findings) {
            this.schemaVersion = schemaVersion;
            if (findings == null) {
                throw new IllegalArgumentException("findings is missing");
            }
            this.findings = findings;
        }
    }

    private record FindingJson(String ruleId, Severity severity, String account, String region, ResourceJson resource,
                               UsageJson evidence) {
        @JsonCreator
        FindingJson(@JsonProperty("ruleId") String ruleId, @JsonProperty("severity") Severity severity,
                    @JsonProperty("account") String account, @JsonProperty("region") String region,
                    @JsonProperty("resource") ResourceJson resource, @JsonProperty("evidence") UsageJson evidence) {
            this.ruleId = required("ruleId", ruleId);
            this.severity = required("severity", severity);
            this.account = required("account", account);
            this.region = required("region", region);
            this.resource = required("resource", resource);
            this.evidence = evidence;
        }

        Finding toFinding() {
            return new Finding(ruleId, severity, account, region, resource.type, resource.id, resource.name,
                    evidence == null ? null : evidence.imdsV1Callers, evidence == null ? null : evidence.metadataNoToken);
        }
    }

    /** Of a finding's evidence, only the usage part (the rest varies by rule and is not read back). */
    private record UsageJson(List<V1Caller> imdsV1Callers, MetadataNoTokenCounts metadataNoToken) {
        @JsonCreator
        UsageJson(@JsonProperty("imdsV1Callers") List<V1Caller> imdsV1Callers,
                  @JsonProperty("metadataNoToken") MetadataNoTokenCounts metadataNoToken) {
            this.imdsV1Callers = imdsV1Callers;
            this.metadataNoToken = metadataNoToken;
        }
    }

    private record ResourceJson(String type, String id, String name) {
        @JsonCreator
        ResourceJson(@JsonProperty("type") String type, @JsonProperty("id") String id,
                     @JsonProperty("name") String name) {
            this.type = required("type", type);
            this.id = required("id", id);
            this.name = name;
        }
    }

    private static <T> T required(String field, T value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}
