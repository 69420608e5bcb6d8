package io.imdsguard.scan;

import io.imdsguard.Version;
import io.imdsguard.analyze.iam.S3AccessAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.analyze.network.ReachabilityAnalyzer;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.RuleDescriptor;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.CompiledRules;
import io.imdsguard.rules.FactAssembler;
import io.imdsguard.rules.RuleEvaluator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The offline half of a scan, from a snapshot to a {@link ScanResult}:
 * <ol>
 *   <li>analyze the network of each region (internet reachability, load-balancer forwards);</li>
 *   <li>analyze each instance profile's effective S3 permissions (memoised per account and profile);</li>
 *   <li>assemble rule facts and fire the compiled rules;</li>
 *   <li>turn rule hits into findings with evidence.</li>
 * </ol>
 * Collection (the online half) happens before, in {@code collect}; rendering and the gate after.
 */
public final class ScanPipeline {
    private final RuleEvaluator evaluator;
    private final List<RuleDescriptor> rules;
    private final Clock clock;

    public ScanPipeline(CompiledRules rules, ExposureSettings exposure) {
        this(rules, exposure, Clock.systemUTC());
    }

    ScanPipeline(CompiledRules rules, ExposureSettings exposure, Clock clock) {
        ReachabilityAnalyzer network = new ReachabilityAnalyzer(exposure);
        S3AccessAnalyzer iam = new S3AccessAnalyzer();
        this.evaluator = new RuleEvaluator(rules, new FactAssembler(network::analyze, iam::analyze));
        this.rules = rules.rules().stream()
                .map(r -> new RuleDescriptor(r.id(), r.severity(), r.title(), r.remediation())).toList();
        this.clock = clock;
    }

    /** Snapshot to findings, for callers that need only the findings (e.g. {@code rules test}). */
    public Function<Snapshot, List<Finding>> evaluator() {
        return evaluator;
    }

    public ScanResult run(Snapshot snapshot, Instant startedAt) {
        List<Finding> findings = evaluator.apply(snapshot);
        return new ScanResult(Version.get(), startedAt, clock.instant(), snapshot.accounts(), snapshot.regions(),
                snapshot.gaps(), findings, rules);
    }
}
