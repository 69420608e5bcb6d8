package io.imdsguard.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 for code-scanning dashboards. Cloud resources have no source file, so each result
 * carries a logical location (the resource ARN) and a stable pseudo path {@code aws/<account>/<region>/<id>};
 * {@code security-severity} lets GitHub sort results like CVSS scores.
 */
public final class SarifRenderer implements Renderer {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public String fileExtension() {
        return "sarif";
    }

    @Override
    public void render(ScanResult result, RenderOptions options, Writer out) throws IOException {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        Set<ReportingDescriptor> rules = new LinkedHashSet<>();
        List<Result> results = new ArrayList<>();
        for (Finding f : result.findings()) {
            Integer index = ruleIndex.get(f.ruleId());
            if (index == null) {
                index = ruleIndex.size();
                ruleIndex.put(f.ruleId(), index);
                rules.add(descriptor(f));
            }
            results.add(result(f, index));
        }
        ToolComponent driver = new ToolComponent().withName("imdsguard").withVersion(result.toolVersion())
                .withInformationUri(URI.create("https://github.com/imdsguard/imdsguard")).withRules(rules);
        SarifSchema210 log = new SarifSchema210()
                .with$schema(URI.create("https://json.schemastore.org/sarif-2.1.0.json"))
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(new Run().withTool(new Tool().withDriver(driver)).withResults(results)));
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, log);
        out.write(System.lineSeparator());
        out.flush();
    }

    private static ReportingDescriptor descriptor(Finding f) {
        return new ReportingDescriptor().withId(f.ruleId()).withName(f.ruleId().replace("-", ""))
                .withShortDescription(new MultiformatMessageString().withText(f.title()))
                .withHelp(new MultiformatMessageString().withText(f.remediation()))
                .withDefaultConfiguration(new ReportingConfiguration().withLevel(ReportingConfiguration.Level.fromValue(level(f.severity()).value())))
                .withProperties(new PropertyBag().withTags(new LinkedHashSet<>(List.of("security", "aws", "imds")))
                        .withAdditionalProperty("security-severity", securitySeverity(f.severity()))
                        .withAdditionalProperty("severity", f.severity().name()));
    }

    private static Result result(Finding f, int ruleIndex) {
        String path = "aws/" + f.account() + "/" + f.region() + "/" + f.resource().id();
        LogicalLocation logical = new LogicalLocation().withKind("resource").withName(f.resource().id())
                .withFullyQualifiedName(f.resource().arn() != null ? f.resource().arn() : path);
        Result r = new Result().withRuleId(f.ruleId()).withRuleIndex(ruleIndex).withLevel(level(f.severity()))
                .withMessage(new Message().withText(message(f)))
                .withLocations(List.of(new Location()
                        .withPhysicalLocation(new PhysicalLocation().withArtifactLocation(new ArtifactLocation().withUri(path)))
                        .withLogicalLocations(new LinkedHashSet<>(List.of(logical)))))
                .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty("imdsguard/v1",
                        f.ruleId() + "|" + f.account() + "|" + f.region() + "|" + f.resource().id()))
                .withBaselineState(Finding.EXISTING.equals(f.status()) ? Result.BaselineState.UNCHANGED : Result.BaselineState.NEW)
                .withProperties(new PropertyBag().withAdditionalProperty("evidence", f.evidence()));
        if (f.suppressed()) {
            r.withSuppressions(new LinkedHashSet<>(List.of(new Suppression().withKind(Suppression.Kind.EXTERNAL))));
        }
        return r;
    }

    private static String message(Finding f) {
        String name = f.resource().name() == null ? "" : " (" + f.resource().name() + ")";
        return f.title() + ": " + f.resource().id() + name + " in " + f.account() + "/" + f.region() + ". " + f.remediation();
    }

    private static Result.Level level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> Result.Level.ERROR;
            case MEDIUM -> Result.Level.WARNING;
            case LOW, INFO -> Result.Level.NOTE;
        };
    }

    /** GitHub buckets: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low. */
    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }
}
