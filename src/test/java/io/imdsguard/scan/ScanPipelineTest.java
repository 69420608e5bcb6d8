package io.imdsguard.scan;

import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.baseline.Baseline;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingFilter;
import io.imdsguard.findings.Gate;
import io.imdsguard.findings.GatePolicy;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.findings.Severity;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.rules.BundledRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline's order: findings pass the filter slot before the gate is decided on them. */
class ScanPipelineTest {
    private static final Snapshot DEMO = read();

    private static Snapshot read() {
        try {
            return SnapshotIO.read(Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/demo-fleet.json"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ScanPipeline.Outcome scan(FindingFilter filter) {
        return new ScanPipeline(BundledRules.get(), ExposureSettings.DEFAULT, filter, Optional.of(Severity.HIGH))
                .run(DEMO, Instant.EPOCH);
    }

    @Test
    void withoutFilterTheDemoFleetFailsTheGate() {
        ScanPipeline.Outcome outcome = scan(FindingFilter.NONE);
        assertThat(outcome.gate()).isEqualTo(Gate.Outcome.FAILED);
        assertThat(outcome.result().findings()).extracting(Finding::ruleId).contains("IMDS-001");
    }

    @Test
    void theGateSeesWhatTheFilterMarked() {
        FindingFilter suppressAll = findings -> findings.stream().map(f -> new Finding(f.ruleId(), f.severity(), f.title(),
                f.account(), f.region(), f.resource(), f.evidence(), f.remediation(), true, f.status())).toList();
        ScanPipeline.Outcome outcome = scan(suppressAll);
        assertThat(outcome.gate()).isEqualTo(Gate.Outcome.PASSED);
        assertThat(outcome.result().findings()).isNotEmpty().allMatch(Finding::suppressed);
        assertThat(outcome.result().countsBySeverity().values()).containsOnly(0L);
    }

    @Test
    void filtersChainInOrder() {
        FindingFilter firstTwo = findings -> findings.subList(0, 2);
        FindingFilter last = findings -> List.of(findings.get(findings.size() - 1));
        List<Finding> all = scan(FindingFilter.NONE).result().findings();
        assertThat(scan(firstTwo.andThen(last)).result().findings()).containsExactly(all.get(1));
    }

    @Test
    void theBaselineStepMarksStatusListsResolvedAndTheGateWeighsOnlyNewFindings() {
        List<Finding> all = scan(FindingFilter.NONE).result().findings();
        // Last time: every finding but the first, and one on an instance since removed.
        List<ResolvedFinding> before = new java.util.ArrayList<>(all.stream().skip(1)
                .map(f -> new ResolvedFinding(f.ruleId(), f.severity(), f.account(), f.region(),
                        f.resource().type(), f.resource().id(), f.resource().name())).toList());
        before.add(new ResolvedFinding("IMDS-002", Severity.HIGH, all.get(0).account(), "us-east-1",
                "ec2-instance", "i-removed", null));
        GatePolicy newOnly = new GatePolicy(Optional.of(Severity.HIGH), true);
        ScanPipeline.Outcome outcome = new ScanPipeline(BundledRules.get(), ExposureSettings.DEFAULT,
                FindingFilter.NONE, newOnly, new Baseline("before.json", before)).run(DEMO, Instant.EPOCH);
        List<Finding> marked = outcome.result().findings();
        assertThat(marked.get(0).status()).isEqualTo(Finding.NEW);
        assertThat(marked.subList(1, marked.size())).extracting(Finding::status).containsOnly(Finding.EXISTING);
        assertThat(outcome.result().resolved()).singleElement().satisfies(r -> assertThat(r.resourceId())
                .isEqualTo("i-removed"));
        assertThat(all.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(outcome.gate()).as("the one new finding is critical").isEqualTo(Gate.Outcome.FAILED);
    }
}
