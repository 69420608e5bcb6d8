package io.imdsguard.findings;

import io.imdsguard.inventory.CollectionGap;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan produced, everything a renderer and the gate need. {@code rules} are all the rules the
 * scan ran, fired or not (empty when unknown).
 *
 * @param resolved the {@code --baseline} report's findings that this scan no longer raises (empty without a baseline)
 * @param shard    {@code K/N} when this is one shard's report ({@code --shard}), else null
 * @param baseline the report this result was compared with ({@code --baseline}, as given), else null: only
 *                 then do {@code new}/{@code existing} and {@code resolved} say anything
 */
public record ScanResult(String toolVersion, Instant startedAt, Instant finishedAt, List<String> accounts,
                         List<String> regions, List<CollectionGap> gaps, List<Finding> findings,
                         List<RuleDescriptor> rules, List<ResolvedFinding> resolved, String shard, String baseline) {
    public ScanResult {
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
        gaps = List.copyOf(gaps);
        findings = List.copyOf(findings);
        rules = List.copyOf(rules);
        resolved = resolved == null ? List.of() : List.copyOf(resolved);
    }

    /** A whole (unsharded) result without a baseline. */
    public ScanResult(String toolVersion, Instant startedAt, Instant finishedAt, List<String> accounts,
                      List<String> regions, List<CollectionGap> gaps, List<Finding> findings,
                      List<RuleDescriptor> rules) {
        this(toolVersion, startedAt, finishedAt, accounts, regions, gaps, findings, rules, List.of(), null, null);
    }

    /** A result that was not compared with a baseline. */
    public ScanResult(String toolVersion, Instant startedAt, Instant finishedAt, List<String> accounts,
                      List<String> regions, List<CollectionGap> gaps, List<Finding> findings,
                      List<RuleDescriptor> rules, List<ResolvedFinding> resolved, String shard) {
        this(toolVersion, startedAt, finishedAt, accounts, regions, gaps, findings, rules, resolved, shard, null);
    }

    public ScanResult withFindings(List<Finding> newFindings, List<ResolvedFinding> newResolved) {
        return new ScanResult(toolVersion, startedAt, finishedAt, accounts, regions, gaps, newFindings, rules,
                newResolved, shard, baseline);
    }

    /** This result as compared with the report {@code baselineName}: findings marked, the gone ones resolved. */
    public ScanResult comparedWith(String baselineName, List<Finding> marked, List<ResolvedFinding> gone) {
        return new ScanResult(toolVersion, startedAt, finishedAt, accounts, regions, gaps, marked, rules, gone, shard,
                baselineName);
    }

    /** Whether this result was compared with a baseline. */
    public boolean againstBaseline() {
        return baseline != null;
    }

    public ScanResult withShard(String newShard) {
        return new ScanResult(toolVersion, startedAt, finishedAt, accounts, regions, gaps, findings, rules, resolved,
                newShard, baseline);
    }

    /** A result whose rule catalogue is unknown: reports describe only the rules that fired. */
    public ScanResult(String toolVersion, Instant startedAt, Instant finishedAt, List<String> accounts,
                      List<String> regions, List<CollectionGap> gaps, List<Finding> findings) {
        this(toolVersion, startedAt, finishedAt, accounts, regions, gaps, findings, List.of());
    }

    /** Findings per severity, most severe first, counting only those not suppressed (what the gate sees). */
    public Map<Severity, Long> countsBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L);
        }
        findings.stream().filter(f -> !f.suppressed()).forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        return counts;
    }

    public long suppressedCount() {
        return findings.stream().filter(Finding::suppressed).count();
    }
}
