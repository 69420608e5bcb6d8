package io.imdsguard.scan;

import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingFilter;
import io.imdsguard.findings.Gate;
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
}
