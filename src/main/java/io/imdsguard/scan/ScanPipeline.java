package io.imdsguard.scan;

import io.imdsguard.StageTimes;
import io.imdsguard.Version;
import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.baseline.Baseline;
import io.imdsguard.baseline.Coverage;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingFilter;
import io.imdsguard.findings.Gate;
import io.imdsguard.findings.GatePolicy;
import io.imdsguard.findings.RuleDescriptor;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.CompiledRules;
import io.imdsguard.rules.RuleEvaluator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The offline half of a scan, from a snapshot to a result and the gate's verdict. Collection (the
 * online half) happens before, in {@code collect}; rendering after, in {@code report}.
 */
public final class ScanPipeline {
    private final SnapshotAnalyzer analyzer;
    private final RuleEvaluator rules;
    /** Every rule the scan runs, fired or not: reports describe them all. */
    private final List<RuleDescriptor> catalogue;
    private final FindingFilter filter;
    private final GatePolicy gate;
    /** The earlier report findings are compared with, or null for none (every finding is then new). */
    private final Baseline baseline;
    private final Clock clock;

    /**
     * @param exposure what counts as the internet at large
     * @param filter   suppressions and baseline ({@link FindingFilter#NONE} for none)
     * @param failOn   the gate's threshold, empty for {@code --fail-on none}
     */
    public ScanPipeline(CompiledRules rules, ExposureSettings exposure, FindingFilter filter, Optional<Severity> failOn) {
        this(rules, exposure, filter, GatePolicy.failOn(failOn), null, Clock.systemUTC());
    }

    /** @param gate what fails the gate */
    public ScanPipeline(CompiledRules rules, ExposureSettings exposure, FindingFilter filter, GatePolicy gate) {
        this(rules, exposure, filter, gate, null, Clock.systemUTC());
    }

    /** @param baseline the {@code --baseline} report, or null for none */
    public ScanPipeline(CompiledRules rules, ExposureSettings exposure, FindingFilter filter, GatePolicy gate,
                        Baseline baseline) {
        this(rules, exposure, filter, gate, baseline, Clock.systemUTC());
    }

    ScanPipeline(CompiledRules rules, ExposureSettings exposure, FindingFilter filter, GatePolicy gate,
                 Baseline baseline, Clock clock) {
        this.analyzer = new SnapshotAnalyzer(exposure);
        this.rules = new RuleEvaluator(rules);
        this.catalogue = rules.rules().stream()
                .map(r -> new RuleDescriptor(r.id(), r.severity(), r.title(), r.remediation())).toList();
        this.filter = filter;
        this.gate = gate;
        this.baseline = baseline;
        this.clock = clock;
    }

    /** What a scan produced and what the gate made of it. */
    public record Outcome(ScanResult result, Gate.Outcome gate) {
    }

    public Outcome run(Snapshot snapshot, Instant startedAt) {
        return run(snapshot, startedAt, StageTimes.OFF);
    }

    /** @param times where each stage's wall time is recorded ({@code --verbose}) */
    public Outcome run(Snapshot snapshot, Instant startedAt, StageTimes times) {
        // 1. Analyze: network per region, S3 read per instance profile
        Analysis analysis = times.time("analyze", () -> analyzer.analyze(snapshot));
        // 2. Rules: facts mapped from the snapshot and the analysis, rules fired, hits turned into findings
        List<Finding> found = rules.evaluate(snapshot, analysis, times);
        // 3. Filter: suppressions and baseline mark findings (none are dropped)
        List<Finding> findings = times.time("filter", () -> filter.apply(found));
        ScanResult result = new ScanResult(Version.get(), startedAt, clock.instant(), snapshot.accounts(),
                snapshot.regions(), snapshot.gaps(), findings, catalogue);
        // 4. Baseline: each finding new or existing; resolved only within the units this scan covered
        if (baseline != null) {
            Baseline.Comparison compared = baseline.compare(findings, Coverage.of(snapshot));
            result = result.comparedWith(baseline.source(), compared.findings(), compared.resolved());
        }
        // 5. Gate: decided once, here
        return new Outcome(result, Gate.decide(result, gate));
    }
}
