package io.imdsguard.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.ReportingDescriptorReference;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingKey;
import io.imdsguard.findings.RuleDescriptor;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.inventory.CollectionGap;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DateFormat;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * SARIF 2.1.0 for code-scanning dashboards. Cloud resources have no source file, so each result
 * carries a logical location (the resource ARN) and a stable pseudo path {@code aws/<account>/<region>/<id>};
 * {@code security-severity} lets GitHub sort results like CVSS scores. The driver lists every rule the run
 * loaded; collection gaps are the invocation's tool execution notifications.
 */
public final class SarifRenderer implements Renderer {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Evidence carries java.time values (the CloudWatch window), written as ISO text as in the JSON report.
            .addModule(new JavaTimeModule())
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultDateFormat(utcTimestamps())
            .build();
    /** The partialFingerprints key of {@link #fingerprint}. */
    public static final String FINGERPRINT = "imdsguardFindingKey/v1";
    private static final ReportingDescriptor GAP_DESCRIPTOR = new ReportingDescriptor().withId("collection-gap")
            .withShortDescription(new MultiformatMessageString()
                    .withText("An AWS call failed during collection; findings may miss the resources it would have returned."));

    /** SARIF times are UTC with a literal Z (SARIF 2.1.0, 3.9). */
    private static DateFormat utcTimestamps() {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    }

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
        List<RuleDescriptor> catalogue = catalogue(result);
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        Set<ReportingDescriptor> rules = new LinkedHashSet<>();
        for (RuleDescriptor rule : catalogue) {
            ruleIndex.put(rule.id(), ruleIndex.size());
            rules.add(descriptor(rule));
        }
        // Only a scan against a baseline knows whether a finding is new; without one, baselineState is left out.
        boolean baseline = result.againstBaseline();
        List<Result> results = new ArrayList<>();
        for (Finding f : result.findings()) {
            results.add(result(f, ruleIndex.get(f.ruleId()), baseline));
        }
        ToolComponent driver = new ToolComponent().withName("imdsguard").withVersion(result.toolVersion())
                .withInformationUri(URI.create("https://github.com/imdsguard/imdsguard")).withRules(rules)
                .withNotifications(new LinkedHashSet<>(List.of(GAP_DESCRIPTOR)));
        Run run = new Run().withTool(new Tool().withDriver(driver)).withInvocations(List.of(invocation(result)))
                .withResults(results);
        SarifSchema210 log = new SarifSchema210()
                .with$schema(URI.create("https://json.schemastore.org/sarif-2.1.0.json"))
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, log);
        out.write(System.lineSeparator());
        out.flush();
    }

    /**
     * Every rule the run loaded, so a dashboard can tell "checked and clean" from "not checked"; a finding
     * whose rule is missing from the catalogue (a result that never had one) is described from the finding,
     * without help, since its remediation names one resource.
     */
    private static List<RuleDescriptor> catalogue(ScanResult result) {
        Map<String, RuleDescriptor> byId = new LinkedHashMap<>();
        result.rules().forEach(r -> byId.put(r.id(), r));
        result.findings().forEach(f -> byId.putIfAbsent(f.ruleId(), new RuleDescriptor(f.ruleId(), f.severity(), f.title(), null)));
        return List.copyOf(byId.values());
    }

    private static ReportingDescriptor descriptor(RuleDescriptor rule) {
        ReportingDescriptor d = new ReportingDescriptor().withId(rule.id()).withName(rule.id().replace("-", ""))
                .withShortDescription(new MultiformatMessageString().withText(rule.title()))
                .withDefaultConfiguration(new ReportingConfiguration().withLevel(ReportingConfiguration.Level.fromValue(level(rule.severity()).value())))
                .withProperties(new PropertyBag().withTags(new LinkedHashSet<>(List.of("security", "aws", "imds")))
                        .withAdditionalProperty("security-severity", securitySeverity(rule.severity()))
                        .withAdditionalProperty("severity", rule.severity().name()));
        if (rule.remediation() != null && !rule.remediation().isBlank()) {
            // The rule's template, placeholders spelled as a reader fills them in (each result carries its own).
            String fix = rule.remediation().replace("{id}", "<resource-id>").replace("{region}", "<region>");
            d.withHelp(new MultiformatMessageString().withText(rule.title() + ". Remediation: " + fix)
                    .withMarkdown("**" + markdown(rule.title()) + "** (" + rule.id() + ", " + rule.severity()
                            + ")\n\n**Remediation**\n\n```\n" + fix + "\n```\n"));
        }
        return d;
    }

    /**
     * A collection gap means resources the rules never saw, so the run did not succeed even when it found
     * nothing: every gap is an error notification, as the other formats make it an error or "Incomplete".
     */
    private static Invocation invocation(ScanResult result) {
        List<Notification> notes = new ArrayList<>();
        for (CollectionGap g : result.gaps()) {
            notes.add(new Notification().withLevel(Notification.Level.ERROR)
                    .withDescriptor(new ReportingDescriptorReference().withId(GAP_DESCRIPTOR.getId()).withIndex(0))
                    .withMessage(new Message().withText("Collection gap in account " + g.account() + ", region " + g.region()
                            + ": " + g.service() + ":" + g.operation() + " failed (" + g.error()
                            + "); findings may miss resources there."))
                    .withProperties(new PropertyBag().withAdditionalProperty("account", g.account())
                            .withAdditionalProperty("region", g.region()).withAdditionalProperty("service", g.service())
                            .withAdditionalProperty("operation", g.operation()).withAdditionalProperty("error", g.error())));
        }
        return new Invocation().withExecutionSuccessful(result.gaps().isEmpty())
                .withStartTimeUtc(Date.from(result.startedAt())).withEndTimeUtc(Date.from(result.finishedAt()))
                .withToolExecutionNotifications(notes.isEmpty() ? null : notes);
    }

    private static Result result(Finding f, int ruleIndex, boolean baseline) {
        String path = "aws/" + f.account() + "/" + f.region() + "/" + f.resource().id();
        LogicalLocation logical = new LogicalLocation().withKind("resource").withName(f.resource().id())
                .withFullyQualifiedName(f.resource().arn() != null ? f.resource().arn() : path);
        Result r = new Result().withRuleId(f.ruleId()).withRuleIndex(ruleIndex).withLevel(level(f.severity()))
                .withMessage(new Message().withText(message(f)))
                .withLocations(List.of(new Location()
                        .withPhysicalLocation(new PhysicalLocation().withArtifactLocation(new ArtifactLocation().withUri(path)))
                        .withLogicalLocations(new LinkedHashSet<>(List.of(logical)))))
                .withPartialFingerprints(new PartialFingerprints()
                        .withAdditionalProperty(FINGERPRINT, fingerprint(f.key())))
                .withProperties(new PropertyBag().withAdditionalProperty("evidence", f.evidence()));
        if (baseline) {
            r.withBaselineState(Finding.EXISTING.equals(f.status())
                    ? Result.BaselineState.UNCHANGED : Result.BaselineState.NEW);
        }
        if (f.suppressed()) {
            Suppression s = new Suppression().withKind(Suppression.Kind.EXTERNAL)
                    .withStatus(Suppression.Status.ACCEPTED);
            if (f.suppression() != null) {
                s.withJustification(f.suppression().reason()).withProperties(new PropertyBag()
                        .withAdditionalProperty("entry", f.suppression().entry())
                        .withAdditionalProperty("expires", f.suppression().expires() == null
                                ? null : f.suppression().expires().toString()));
            }
            r.withSuppressions(new LinkedHashSet<>(List.of(s)));
        }
        return r;
    }

    /**
     * The finding's identity ({@link FindingKey}: rule, account, region, resource) hashed, so code scanning
     * keeps one alert per finding across nightly runs, whatever its evidence says today. Versioned in the
     * key's name: another identity would get another name, not silently other values.
     */
    static String fingerprint(FindingKey key) {
        String identity = String.join("\u0000", key.ruleId(), key.account(), key.region(), key.resourceId());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Markdown's own characters in a rule title, escaped (a user rule's title is free text). */
    private static String markdown(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
    }

    private static String message(Finding f) {
        String name = f.resource().name() == null ? "" : " (" + f.resource().name() + ")";
        String usage = UsageText.of(f);
        return f.title() + ": " + f.resource().id() + name + " in " + f.account() + "/" + f.region() + ". "
                + (usage.isEmpty() ? "" : usage + ". ") + f.remediation();
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
