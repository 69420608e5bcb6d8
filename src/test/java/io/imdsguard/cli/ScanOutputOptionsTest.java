package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.examples.DemoFleet;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan}'s report options end to end: what each format shows, --wide, --no-color, --quiet. */
class ScanOutputOptionsTest {
    private static final Path DEMO = Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/demo-fleet.json");
    private static final String IMDS_006_TITLE = "Internet-facing ALB without WAF EC2MetaDataSSRF protection forwards to an IMDSv1 instance";

    @TempDir
    Path dir;

    private Path demoWithGap() throws Exception {
        Snapshot demo = DemoFleet.snapshot();
        Snapshot withGap = new Snapshot(demo.schemaVersion(), demo.collectedAt(), demo.accounts(), demo.regions(),
                demo.accountInventories(), demo.regionInventories(),
                List.of(new CollectionGap(DemoFleet.ACCOUNT, "eu-west-1", "ec2", "DescribeNatGateways", "UnauthorizedOperation: denied")));
        Path file = dir.resolve("gap.json");
        SnapshotIO.write(withGap, file);
        return file;
    }

    @Test
    void sarifListsEveryBundledRuleAndTheRunsGaps() throws Exception {
        Path report = dir.resolve("r.sarif");
        CliRun.of("scan", "--snapshot", DEMO.toString(), "-f", "sarif", "-o", report.toString(), "--fail-on", "none");
        JsonNode run = new ObjectMapper().readTree(report.toFile()).at("/runs/0");
        List<String> ids = new ArrayList<>();
        run.at("/tool/driver/rules").forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).containsExactly("IMDS-001", "IMDS-002", "IMDS-003", "IMDS-004", "IMDS-005", "IMDS-006");
        run.at("/tool/driver/rules").forEach(r -> assertThat(r.at("/help/text").asText()).doesNotContain("i-0"));
        assertThat(run.at("/invocations/0/executionSuccessful").asBoolean(false)).isTrue();

        CliRun.of("scan", "--snapshot", demoWithGap().toString(), "-f", "sarif", "-o", report.toString(), "--fail-on", "none");
        JsonNode gapRun = new ObjectMapper().readTree(report.toFile()).at("/runs/0");
        assertThat(gapRun.at("/invocations/0/executionSuccessful").asBoolean(true)).isFalse();
        assertThat(gapRun.at("/invocations/0/toolExecutionNotifications/0/message/text").asText()).contains("DescribeNatGateways");
    }

    @Test
    void junitFailsOnlyWhatTheGateFails() {
        CliRun none = CliRun.of("scan", "--snapshot", DEMO.toString(), "-f", "junit", "--fail-on", "none");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).contains("<testcase").contains("<property name=\"severity\" value=\"CRITICAL\"/>")
                .doesNotContain("<failure").contains("failures=\"0\"");
        CliRun critical = CliRun.of("scan", "--snapshot", DEMO.toString(), "-f", "junit", "--fail-on", "critical");
        assertThat(critical.out()).contains("<testsuites name=\"imdsguard").contains("failures=\"3\"");
    }

    @Test
    void aTableInAFileIsNeverCut() throws Exception {
        Path report = dir.resolve("r.txt");
        CliRun.of("scan", "--snapshot", DEMO.toString(), "-o", report.toString(), "--fail-on", "none");
        assertThat(Files.readString(report)).contains(IMDS_006_TITLE).doesNotContain("…");
    }

    @Test
    void wideShowsEachFindingsRemediation() {
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--wide", "--fail-on", "none");
        assertThat(run.out()).contains(IMDS_006_TITLE)
                .contains("    fix: Require IMDSv2: aws ec2 modify-instance-metadata-options --region us-east-1 --instance-id i-");
    }

    @Test
    void noColorIsAcceptedAndOutputOffATerminalHasNoEscapes() {
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--no-color", "--fail-on", "none");
        assertThat(run.exit()).isZero();
        assertThat(CliRun.of("scan", "--snapshot", DEMO.toString(), "--fail-on", "none").out()).doesNotContain("\u001b");
    }

    @Test
    void quietDropsTheSummaryButNotErrors() {
        CliRun quiet = CliRun.of("scan", "--snapshot", DEMO.toString(), "--quiet");
        assertThat(quiet.exit()).isEqualTo(ExitCode.GATE_FAILED.code());
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).contains("IMDS-001");
        CliRun missing = CliRun.of("scan", "--snapshot", dir.resolve("nope.json").toString(), "--quiet");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }
}
