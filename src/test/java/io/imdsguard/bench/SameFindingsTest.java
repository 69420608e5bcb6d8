package io.imdsguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imdsguard.cli.CliRun;
import io.imdsguard.inventory.SnapshotIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Performance work must not change what a scan says: the JSON report of a synthetic fleet (150 instances,
 * 2 accounts x 2 regions, seed 42) equals, but for its timestamps, the one the unoptimised build wrote
 * (src/test/resources/bench/synthetic-150.report.json, made by commit f20275f's jar). The same comparison at
 * 100,000 instances is scripts/bench/same-findings.sh. Regenerate only for an intended change of findings:
 * {@code imdsguard bench synth --instances 150 --accounts 2 --regions 2 --seed 42} and scan it as below.
 */
class SameFindingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSyntheticFleetScansToTheRecordedReport() throws Exception {
        Path fleet = dir.resolve("fleet.json");
        Path report = dir.resolve("report.json");
        SnapshotIO.write(SyntheticFleet.generate(new FleetShape(150, 2, 2, 42)), fleet);
        CliRun scan = CliRun.of("scan", "--snapshot", fleet.toString(), "--format", "json",
                "--output", report.toString(), "--fail-on", "none", "--quiet");
        assertThat(scan.exit()).as(scan.err()).isZero();

        JsonNode actual = withoutTimes(JSON.readTree(report.toFile()));
        JsonNode expected = withoutTimes(JSON.readTree(Files.readString(Path.of(System.getProperty(
                "imdsguard.projectDir", "."), "src/test/resources/bench/synthetic-150.report.json"))));
        assertThat(actual.get("findings")).hasSize(126);
        assertThat(actual).isEqualTo(expected);
    }

    private static JsonNode withoutTimes(JsonNode report) {
        ObjectNode scan = (ObjectNode) report.get("scan");
        scan.remove("startedAt");
        scan.remove("finishedAt");
        return report;
    }
}
