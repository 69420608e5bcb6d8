package io.imdsguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.PathEvidence;
import io.imdsguard.findings.evidence.S3ReadEvidence;
import io.imdsguard.inventory.CollectionGap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the HTML template shows, computed once in Java so the template stays logic-less: the summary
 * tables, the values each filter offers, and each finding with its evidence laid out. Text from AWS
 * is passed through as it is; the template engine escapes it.
 */
public record HtmlView(String toolVersion, String startedAt, String finishedAt, String accounts, String regions,
                       String shard, Gate gate, List<Count> totals, long suppressed, Matrix byAccount,
                       Matrix byRegion, List<String> rules, List<String> accountIds, List<String> regionNames,
                       List<Row> findings, List<CollectionGap> gaps, List<Resolved> resolved) {
    private static final ObjectMapper EVIDENCE = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public boolean anySuppressed() {
        return suppressed > 0;
    }

    public boolean hasGaps() {
        return !gaps.isEmpty();
    }

    public boolean hasResolved() {
        return !resolved.isEmpty();
    }

    /**
     * The gate's verdict for this report's threshold, as the exit code decides it: {@code failed}, else
     * {@code incomplete} when collection gaps left part of the fleet unread, else {@code passed} (or {@code off}).
     */
    public record Gate(String state, String text) {
        public boolean incomplete() {
            return "incomplete".equals(state);
        }
    }

    /** One severity's count, with its CSS class. */
    public record Count(String severity, String css, long count) {
        public boolean zero() {
            return count == 0;
        }
    }

    /** Counts per severity (not suppressed) for each account or region. */
    public record Matrix(List<String> severities, List<MatrixRow> rows) {
    }

    public record MatrixRow(String name, List<Count> cells, long total) {
    }

    /** One finding as the page shows it; {@code filterStatus} is new, existing or suppressed. */
    public record Row(int index, String severity, String css, String ruleId, String title, String account,
                      String region, String resourceType, String resourceId, String resourceName, String arn,
                      String status, String filterStatus, boolean showStatus, boolean failsGate,
                      SuppressionView suppression,
                      String why, String remediation, List<PathView> paths, S3View s3, AttackPathSvg picture,
                      String evidenceJson) {
        public boolean hasPaths() {
            return !paths.isEmpty();
        }
    }

    public record SuppressionView(String reason, String expires, String entry) {
    }

    public record PathView(String summary, List<String> steps) {
    }

    public record S3View(String decision, List<GrantView> grants) {
    }

    public record GrantView(String action, String decision, String resource, String statements, String conditionKeys) {
    }

    public record Resolved(String ruleId, String severity, String css, String account, String region,
                           String resourceId, String resourceName) {
    }

    static HtmlView of(ScanResult result, RenderOptions options) {
        List<Row> rows = new ArrayList<>();
        boolean baseline = result.againstBaseline();
        for (Finding f : result.findings()) {
            rows.add(row(rows.size() + 1, f, options, baseline));
        }
        List<Resolved> resolved = result.resolved().stream().map(r -> new Resolved(r.ruleId(), r.severity().name(),
                css(r.severity()), r.account(), r.region(), r.resourceId(), r.resourceName())).toList();
        List<Finding> counted = result.findings().stream().filter(f -> !f.suppressed()).toList();
        return new HtmlView(result.toolVersion(), text(result.startedAt()), text(result.finishedAt()),
                String.join(", ", result.accounts()), String.join(", ", result.regions()), result.shard(),
                gate(result, options), counts(counted), result.suppressedCount(),
                matrix(counted, result.accounts(), Finding::account),
                matrix(counted, result.regions(), Finding::region),
                distinct(result.findings(), Finding::ruleId), distinct(result.findings(), Finding::account),
                distinct(result.findings(), Finding::region), rows, result.gaps(), resolved);
    }

    private static Gate gate(ScanResult result, RenderOptions options) {
        long failing = result.findings().stream().filter(options.gate()::fails).count();
        if (failing > 0) {
            String scope = options.gate().newOnly() ? " new" : "";
            return new Gate("failed", "Gate failed: " + failing + scope + " finding(s) at "
                    + options.failOn().get().name() + " or above");
        }
        // A gap is part of the fleet nobody looked at: never show that as green.
        if (!result.gaps().isEmpty()) {
            int gaps = result.gaps().size();
            return new Gate("incomplete", "Incomplete: " + gaps + " collection gap" + (gaps == 1 ? "" : "s")
                    + ", part of the fleet was not read");
        }
        if (options.failOn().isEmpty()) {
            return new Gate("off", "Gate off (--fail-on none)");
        }
        String scope = options.gate().newOnly() ? " new" : "";
        return new Gate("passed", "Gate passed: no" + scope + " finding at " + options.failOn().get().name()
                + " or above");
    }

    private static List<Count> counts(List<Finding> findings) {
        List<Count> out = new ArrayList<>();
        for (Severity s : Severity.values()) {
            out.add(new Count(s.name(), css(s), findings.stream().filter(f -> f.severity() == s).count()));
        }
        return out;
    }

    /** Every scanned account (or region) gets a row, a clean one too: the morning reader sees it was covered. */
    private static Matrix matrix(List<Finding> findings, List<String> scanned, Function<Finding, String> key) {
        TreeSet<String> names = new TreeSet<>(scanned);
        findings.forEach(f -> names.add(key.apply(f)));
        Map<String, List<Finding>> by = new TreeMap<>();
        names.forEach(n -> by.put(n, new ArrayList<>()));
        findings.forEach(f -> by.get(key.apply(f)).add(f));
        List<MatrixRow> rows = new ArrayList<>();
        by.forEach((name, list) -> rows.add(new MatrixRow(name, counts(list), list.size())));
        return new Matrix(java.util.Arrays.stream(Severity.values()).map(Severity::name).toList(), rows);
    }

    private static List<String> distinct(List<Finding> findings, Function<Finding, String> key) {
        return List.copyOf(new TreeSet<>(findings.stream().map(key).toList()));
    }

    /** The status badge says "new" only against a baseline, where it means something; "suppressed" always. */
    private static Row row(int index, Finding f, RenderOptions options, boolean baseline) {
        SuppressionView suppression = f.suppression() == null
                ? (f.suppressed() ? new SuppressionView("suppressed", null, null) : null)
                : new SuppressionView(f.suppression().reason(),
                        f.suppression().expires() == null ? null : f.suppression().expires().toString(),
                        f.suppression().entry());
        List<PathView> paths = List.of();
        S3View s3 = null;
        if (f.evidence() instanceof InstanceEvidence e) {
            paths = e.exposurePaths().stream().map(HtmlView::path).toList();
            s3 = e.s3Read() == null ? null : s3(e.s3Read());
        }
        return new Row(index, f.severity().name(), css(f.severity()), f.ruleId(), f.title(), f.account(), f.region(),
                f.resource().type(), f.resource().id(), f.resource().name(), f.resource().arn(), f.status(),
                f.suppressed() ? "suppressed" : f.status(), baseline || f.suppressed(), options.gate().fails(f),
                suppression, FindingReason.of(f),
                f.remediation(), paths, s3, AttackPath.of(f).map(AttackPathSvg::of).orElse(null), json(f));
    }

    private static PathView path(PathEvidence p) {
        return new PathView(p.summary(), p.steps());
    }

    private static S3View s3(S3ReadEvidence s3) {
        List<GrantView> grants = new ArrayList<>();
        for (S3ReadEvidence.GrantEvidence g : new S3ReadEvidence.GrantEvidence[] {s3.listBucket(), s3.getObject()}) {
            if (g != null) {
                grants.add(new GrantView(g.action(), g.decision(), g.resource(),
                        String.join("; ", g.statements().stream()
                                .map(st -> st.policy() + " " + st.statement() + " (" + st.effect() + ")").toList()),
                        String.join(", ", g.conditionKeys())));
            }
        }
        return new S3View(s3.decision(), grants);
    }

    private static String json(Finding f) {
        try {
            return EVIDENCE.writerWithDefaultPrettyPrinter().writeValueAsString(f.evidence());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence of " + f.key() + " does not serialise", e);
        }
    }

    /** To the second: a reader compares runs by the minute, and nanoseconds only make the line longer. */
    private static String text(java.time.Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String css(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
