package io.imdsguard.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --verbose} says where the time went, stage by stage, on stderr; without it, nothing of the kind. */
class ScanVerboseTest {
    @Test
    void verboseScanPrintsEachStageTime() {
        CliRun verbose = CliRun.of("--verbose", "scan", "--snapshot", "examples/demo-fleet.json", "--fail-on", "none",
                "--format", "json", "--quiet");
        assertThat(verbose.exit()).as(verbose.err()).isZero();
        assertThat(verbose.err()).containsPattern(
                "stages: load rules [\\d,]+ ms, read [\\d,]+ ms, analyze [\\d,]+ ms, rules [\\d,]+ ms, filter [\\d,]+ ms,"
                        + " report [\\d,]+ ms");

        CliRun plain = CliRun.of("scan", "--snapshot", "examples/demo-fleet.json", "--fail-on", "none", "--format", "json",
                "--quiet");
        assertThat(plain.err()).doesNotContain("stages:");
    }
}
