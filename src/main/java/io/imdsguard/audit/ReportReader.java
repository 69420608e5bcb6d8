package io.imdsguard.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.Suppression;
import io.imdsguard.findings.evidence.Evidence;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.RegionEvidence;
import io.imdsguard.findings.evidence.RuleDetails;
import io.imdsguard.input.InputErrors;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.report.JsonRenderer;
import io.imdsguard.report.ReportFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON report ({@code scan --format json}, schema v1) fully back into a {@link ScanResult}: findings
 * with their evidence typed by resource type ({@code ec2-instance}: {@link InstanceEvidence},
 * {@code ec2-region-defaults}: {@link RegionEvidence}, anything else: {@link RuleDetails}), suppression, status,
 * gaps, resolved findings and shard. The rule catalogue is not in the report, so the result has none.
 * Fields a later version adds are ignored; a report of another schema version, or one that is not a report,
 * is refused naming the file, position and field.
 */
public final class ReportReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ReportReader() {
    }

    /** A report and the tool version that wrote it. */
    public record Report(String source, String toolVersion, ScanResult result) {
    }

    /** Reads {@code file}; the errors name it. */
    public static Report read(Path file) throws ReportFormatException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ReportFormatException(file + ": is a directory", null);
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ReportFormatException(InputErrors.describe(file, e), e);
        }
        return parse(text, file.toString());
    }

    /** @param source names the text in errors (a file name, or {@code stdin}) */
    public static Report parse(String text, String source) throws ReportFormatException {
        ReportDocument doc;
        try {
            if (text.isBlank()) {
                throw new ReportFormatException(source + ": empty file, not a JSON report", null);
            }
            doc = MAPPER.readValue(text, ReportDocument.class);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(InputErrors.describe(source, MAPPER.getFactory(), text, e), e);
        }
        return new Report(source, doc.tool() == null ? null : doc.tool().version(),
                convert(doc, new Where(source, versionPosition(text))));
    }

    private static ScanResult convert(ReportDocument doc, Where where) throws ReportFormatException {
        if (doc == null) {
            throw where.error("", "not a JSON report (expected an object with schemaVersion)");
        }
        if (doc.schemaVersion() == null) {
            throw where.error("schemaVersion", "missing: not an imdsguard JSON report");
        }
        if (doc.schemaVersion() != JsonRenderer.SCHEMA_VERSION) {
            throw where.at(where.versionAt(), "schemaVersion", doc.schemaVersion()
                    + " is not supported (this imdsguard reads " + JsonRenderer.SCHEMA_VERSION + ")");
        }
        ReportDocument.Scan scan = where.required(doc.scan(), "scan");
        List<CollectionGap> gaps = new ArrayList<>();
        List<ReportDocument.GapDoc> gapDocs = orEmpty(scan.gaps());
        for (int i = 0; i < gapDocs.size(); i++) {
            ReportDocument.GapDoc g = where.required(gapDocs.get(i), "scan.gaps[" + i + "]");
            gaps.add(new CollectionGap(g.account(), g.region(), g.service(), g.operation(), g.error()));
        }
        List<Finding> findings = new ArrayList<>();
        List<ReportDocument.FindingDoc> findingDocs = orEmpty(doc.findings());
        for (int i = 0; i < findingDocs.size(); i++) {
            findings.add(finding(where.required(findingDocs.get(i), "findings[" + i + "]"), "findings[" + i + "].",
                    where));
        }
        List<ResolvedFinding> resolved = new ArrayList<>();
        List<ReportDocument.ResolvedDoc> resolvedDocs = orEmpty(doc.resolved());
        for (int i = 0; i < resolvedDocs.size(); i++) {
            ReportDocument.ResolvedDoc r = where.required(resolvedDocs.get(i), "resolved[" + i + "]");
            String at = "resolved[" + i + "].";
            ReportDocument.Resource res = where.required(r.resource(), at + "resource");
            resolved.add(new ResolvedFinding(where.required(r.ruleId(), at + "ruleId"),
                    severity(r.severity(), at, where), r.account(), r.region(), res.type(),
                    where.required(res.id(), at + "resource.id"), res.name()));
        }
        String version = doc.tool() == null ? null : doc.tool().version();
        return new ScanResult(version, instant(scan.startedAt(), "scan.startedAt", where),
                instant(scan.finishedAt(), "scan.finishedAt", where), orEmpty(scan.accounts()),
                orEmpty(scan.regions()), gaps, findings, List.of(), resolved, scan.shard(), scan.baseline());
    }

    private static Finding finding(ReportDocument.FindingDoc f, String at, Where where) throws ReportFormatException {
        ReportDocument.Resource r = where.required(f.resource(), at + "resource");
        ResourceRef resource = new ResourceRef(r.type(), where.required(r.id(), at + "resource.id"), r.name(), r.arn());
        boolean suppressed = Boolean.TRUE.equals(f.suppressed());
        Suppression suppression = null;
        if (f.suppression() != null) {
            if (!suppressed) {
                throw where.error(at + "suppression", "present on a finding that is not suppressed");
            }
            suppression = new Suppression(f.suppression().reason(),
                    date(f.suppression().expires(), at + "suppression.expires", where), f.suppression().entry());
        }
        return new Finding(where.required(f.ruleId(), at + "ruleId"), severity(f.severity(), at, where), f.title(),
                f.account(), f.region(), resource, evidence(r.type(), f.evidence(), at + "evidence", where),
                f.remediation(), suppressed, f.status(), suppression);
    }

    private static Evidence evidence(String type, JsonNode node, String at, Where where) throws ReportFormatException {
        Class<? extends Evidence> kind = ResourceRef.EC2_INSTANCE.equals(type) ? InstanceEvidence.class
                : ResourceRef.EC2_REGION_DEFAULTS.equals(type) ? RegionEvidence.class : RuleDetails.class;
        if (node == null || node.isNull()) {
            return kind == RuleDetails.class ? new RuleDetails(List.of()) : null;
        }
        try {
            return MAPPER.treeToValue(withEmptyLists(node, kind), kind);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? InputErrors.reason(j) : e.getMessage();
            throw where.error(at, why);
        }
    }

    /** The renderer leaves out empty lists; the records want them present. */
    private static JsonNode withEmptyLists(JsonNode node, Class<? extends Evidence> kind) {
        if (!node.isObject()) {
            return node;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
        List<String> lists = kind == InstanceEvidence.class ? List.of("exposurePaths", "loadBalancers", "details")
                : List.of("details");
        lists.forEach(field -> {
            if (!copy.hasNonNull(field)) {
                copy.putArray(field);
            }
        });
        return copy;
    }

    private static Severity severity(String text, String at, Where where) throws ReportFormatException {
        try {
            return Severity.parse(where.required(text, at + "severity"));
        } catch (IllegalArgumentException e) {
            throw where.error(at + "severity", e.getMessage());
        }
    }

    private static Instant instant(String text, String at, Where where) throws ReportFormatException {
        try {
            return Instant.parse(where.required(text, at));
        } catch (DateTimeParseException e) {
            throw where.error(at, "expected a UTC time such as 2026-01-31T02:00:00Z, got '" + text + "'");
        }
    }

    private static LocalDate date(String text, String at, Where where) throws ReportFormatException {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw where.error(at, "expected a date such as 2027-03-31, got '" + text + "'");
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** {@code :LINE:COL} of the top-level schemaVersion value, or nothing (the text parsed once already). */
    private static String versionPosition(String text) {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean version = "schemaVersion".equals(p.currentName());
                p.nextToken();
                if (version) {
                    return InputErrors.position(p.currentTokenLocation());
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // No position then: the error still names the file and the field.
        }
        return "";
    }

    /**
     * Errors found after parsing name the file and the field; the tree no longer knows positions, but the
     * schema version's was looked up.
     */
    private record Where(String source, String versionAt) {
        ReportFormatException error(String field, String why) {
            return at("", field, why);
        }

        ReportFormatException at(String position, String field, String why) {
            return new ReportFormatException(source + position + ": " + (field.isEmpty() ? "" : field + ": ") + why,
                    null);
        }

        <T> T required(T value, String field) throws ReportFormatException {
            if (value == null) {
                throw error(field, "missing");
            }
            return value;
        }
    }
}
