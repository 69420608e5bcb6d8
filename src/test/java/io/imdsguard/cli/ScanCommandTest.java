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

/** {@code imdsguard scan} in-process on snapshots: exit codes, formats, outputs and bad input. */
class ScanCommandTest {
    private static final Path DEMO = Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/demo-fleet.json");

    @TempDir
    Path dir;
    /** The last run: each test asserts on the output of the command it just ran. */
    private CliRun last;

    /** The demo fleet with one EC2 collection gap, written to a file to scan. */
    private Path demoWithGap(String region, String operation) throws Exception {
        Snapshot demo = DemoFleet.snapshot();
        Snapshot withGap = new Snapshot(demo.schemaVersion(), demo.collectedAt(), demo.accounts(), demo.regions(),
                demo.accountInventories(), demo.regionInventories(),
                List.of(new CollectionGap(DemoFleet.ACCOUNT, region, "ec2", operation, "UnauthorizedOperation: denied")));
        Path file = dir.resolve("gap-" + operation + ".json");
        SnapshotIO.write(withGap, file);
        return file;
    }

    /** A --rules directory holding one DRL file. */
    private Path userRule(String fileName, String drl) throws Exception {
        Path rules = Files.createDirectories(dir.resolve(fileName.replace(".drl", "")));
        Files.writeString(rules.resolve(fileName), drl);
        return rules;
    }

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exit();
    }

    @Test
    void demoFleetFailsTheDefaultGateAndPrintsTheTable() {
        assertThat(run("scan", "--snapshot", DEMO.toString())).isEqualTo(ExitCode.GATE_FAILED.code());
        assertThat(last.out()).contains("SEVERITY").contains("IMDS-001").contains("web-frontend")
                .contains("IMDS-004").contains("Findings: CRITICAL 3, HIGH 1, MEDIUM 3, LOW 1, INFO 0");
        assertThat(last.err()).contains("scanned 8 instances in 2 region(s)").contains("gate FAILED (--fail-on high)");
    }

    @Test
    void failOnNonePassesAndFailOnThresholdsAreHonoured() {
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--fail-on", "none")).isZero();
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--fail-on", "CRITICAL")).isEqualTo(1);
    }

    @Test
    void jsonReportToFileFollowsSchemaV1() throws Exception {
        Path report = dir.resolve("report.json");
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--format", "json", "--output", report.toString(),
                "--fail-on", "none")).isZero();
        assertThat(last.out()).isEmpty();
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.at("/summary/CRITICAL").asInt()).isEqualTo(3);
        assertThat(root.get("findings")).hasSize(8);
        JsonNode first = root.at("/findings/0");
        assertThat(first.get("ruleId").asText()).isEqualTo("IMDS-001");
        assertThat(first.at("/resource/type").asText()).isEqualTo("ec2-instance");
        assertThat(first.get("evidence").isObject()).isTrue();
        assertThat(first.get("remediation").asText()).as("placeholders filled in, ready to paste")
                .contains("--region us-east-1 --instance-id " + first.at("/resource/id").asText()).doesNotContain("{id}");
        List<String> regionFindings = new ArrayList<>();
        root.get("findings").forEach(f -> {
            if (f.at("/resource/type").asText().equals("ec2-region-defaults")) {
                regionFindings.add(f.at("/resource/id").asText());
            }
        });
        assertThat(regionFindings).containsExactly("us-east-1");
    }

    @Test
    void severalFormatsGoToADirectory() {
        Path reports = dir.resolve("reports");
        assertThat(run("scan", "--snapshot", DEMO.toString(), "-f", "json", "-f", "sarif", "-f", "junit", "-f", "table",
                "-f", "html", "-o", reports + "/", "--fail-on", "none")).isZero();
        assertThat(reports.resolve("imdsguard-report.json")).exists();
        assertThat(reports.resolve("imdsguard-report.sarif")).exists();
        assertThat(reports.resolve("imdsguard-report.xml")).exists();
        assertThat(reports.resolve("imdsguard-report.txt")).exists();
        assertThat(reports.resolve("imdsguard-report.html")).content().startsWith("<!DOCTYPE html>");
    }

    @Test
    void severalFormatsWithoutOutputIsAUsageError() {
        assertThat(run("scan", "--snapshot", DEMO.toString(), "-f", "json", "-f", "table")).isEqualTo(2);
        assertThat(last.err()).contains("need --output DIR");
    }

    @Test
    void gapsWithoutGateFailureExitThree() throws Exception {
        Path file = demoWithGap("eu-west-1", "DescribeNatGateways");
        assertThat(run("scan", "--snapshot", file.toString(), "--fail-on", "none")).isEqualTo(ExitCode.INCOMPLETE.code());
        assertThat(last.out()).contains("Incomplete: 1 collection gap(s)").contains("DescribeNatGateways");
        assertThat(run("scan", "--snapshot", file.toString())).as("the gate failing wins over gaps").isEqualTo(1);
    }

    @Test
    void unreadableRegionDefaultsAreAGapNotAFinding() throws Exception {
        Path file = demoWithGap("us-east-1", "GetInstanceMetadataDefaults");
        Path report = dir.resolve("r.json");
        run("scan", "--snapshot", file.toString(), "-f", "json", "-o", report.toString(), "--fail-on", "none");
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        root.get("findings").forEach(f -> assertThat(f.get("ruleId").asText()).isNotEqualTo("IMDS-004"));
        assertThat(root.at("/scan/gaps/0/operation").asText()).isEqualTo("GetInstanceMetadataDefaults");
    }

    @Test
    void malformedSnapshotIsOneLineAndExitsTwo() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"schemaVersion\": 1, \"regionInventories\": [");
        assertThat(run("scan", "--snapshot", bad.toString())).isEqualTo(2);
        assertThat(last.err()).startsWith("imdsguard: ").contains("bad.json").contains("not valid JSON")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void missingSnapshotExitsTwo() {
        assertThat(run("scan", "--snapshot", dir.resolve("nope.json").toString())).isEqualTo(2);
        assertThat(last.err()).contains("no such file");
    }

    @Test
    void unknownFormatAndBadThresholdAreUsageErrors() {
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--format", "pdf")).isEqualTo(2);
        assertThat(last.err()).contains("unknown format 'pdf'").contains("table, json, sarif, junit");
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--fail-on", "urgent")).isEqualTo(2);
        assertThat(last.err()).contains("--fail-on");
    }

    @Test
    void snapshotWithAwsSelectionIsRefused() {
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--regions", "us-east-1")).isEqualTo(2);
        assertThat(last.err()).contains("--regions cannot be combined with --snapshot");
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--timeout", "5s")).isEqualTo(2);
        assertThat(last.err()).contains("--timeout cannot be combined with --snapshot");
    }

    @Test
    void brokenUserRuleIsReportedCompilerStyle() throws Exception {
        Path rules = userRule("broken.drl", """
                package acme;
                rule "broken"
                    @id("ACME-1") @severity("HIGH") @title("t") @remediation("r")
                when
                    this is not drl
                then
                end
                """);
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--rules", rules.toString())).isEqualTo(2);
        assertThat(last.err()).contains("broken.drl:");
    }

    @Test
    void aSnapshotOfAShardIsReportedAsThatShardAndANonsenseShardIsRefused() throws Exception {
        String demo = Files.readString(DEMO);
        Path shard = Files.writeString(dir.resolve("shard.json"), demo.replaceFirst("\\{", "{\"shard\": \"2/3\", "));
        Path report = dir.resolve("report.json");
        assertThat(run("scan", "--snapshot", shard.toString(), "-f", "json", "-o", report.toString(), "--fail-on", "none"))
                .isEqualTo(0);
        assertThat(new ObjectMapper().readTree(report.toFile()).at("/scan/shard").asText()).isEqualTo("2/3");

        Path nonsense = Files.writeString(dir.resolve("nonsense.json"), demo.replaceFirst("\\{", "{\"shard\": \"4/3\", "));
        assertThat(run("scan", "--snapshot", nonsense.toString(), "--fail-on", "none")).isEqualTo(2);
        assertThat(last.err()).contains("nonsense.json: shard: ").contains("4/3");
    }

    @Test
    void aBrokenRuleIsTheErrorReportedWhenTheSnapshotIsBrokenToo() throws Exception {
        // The snapshot is read while the rules load; the rules still speak first, as when they loaded first.
        Path rules = userRule("broken.drl", """
                package acme;
                rule "broken"
                when
                    this is not drl
                then
                end
                """);
        Path snapshot = Files.writeString(dir.resolve("broken-snapshot.json"), "{\"schemaVersion\": 1, \"regionInventories\": [");
        assertThat(run("scan", "--snapshot", snapshot.toString(), "--rules", rules.toString())).isEqualTo(2);
        assertThat(last.err()).contains("broken.drl:").doesNotContain("broken-snapshot.json");
        assertThat(run("scan", "--snapshot", snapshot.toString())).isEqualTo(2);
        assertThat(last.err()).contains("broken-snapshot.json");
    }

    @Test
    void runawayUserRuleStopsWithAnErrorInsteadOfATruncatedReport() throws Exception {
        Path rules = userRule("loop.drl", """
                package acme;
                import io.imdsguard.rules.facts.InstanceFact;
                rule "touches its own fact forever"
                    @id("ACME-LOOP") @severity("LOW") @title("loop") @remediation("none")
                when
                    $i : InstanceFact()
                then
                    update($i);
                end
                """);
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--rules", rules.toString())).isEqualTo(2);
        assertThat(last.err()).contains("re-activates itself");
        assertThat(last.out()).as("no partial report").isEmpty();
    }

    @Test
    void aUserRuleWhoseConsequenceThrowsIsNamedAsBadInputNotABug() throws Exception {
        Path rules = userRule("throws.drl", """
                package acme;
                import io.imdsguard.rules.facts.InstanceFact;
                rule "divides by zero"
                    @id("ACME-DIV") @severity("LOW") @title("div") @remediation("none")
                when
                    InstanceFact( $hop : hopLimit )
                then
                    System.out.println(10 / ($hop - $hop));
                end
                """);
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--rules", rules.toString())).isEqualTo(2);
        assertThat(last.err().strip()).isEqualTo(
                "imdsguard: rule \"divides by zero\" failed while firing: ArithmeticException: / by zero");
        assertThat(last.out()).as("no partial report").isEmpty();
    }

    @Test
    void unwritableSaveSnapshotFailsBeforeAnyWork() {
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--save-snapshot",
                dir.resolve("missing-dir/s.json").toString())).isEqualTo(2);
        assertThat(last.err()).contains("does not exist");
        assertThat(last.out()).isEmpty();
    }

    @Test
    void trustedCidrsFromConfigRemoveExposure() throws Exception {
        // Everything public in the demo is open to 0.0.0.0/0; trusting all of IPv4 leaves nothing "internet".
        Path config = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  trustedCidrs: [0.0.0.0/0]\n");
        Path report = dir.resolve("r.json");
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--config", config.toString(), "-f", "json", "-o",
                report.toString(), "--fail-on", "none")).isZero();
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        assertThat(root.at("/summary/CRITICAL").asInt()).isZero();
        assertThat(root.at("/summary/HIGH").asInt()).isZero();
    }

    @Test
    void badConfigExitsTwo() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  trustedCidrs: [nonsense]\n");
        assertThat(run("scan", "--snapshot", DEMO.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(last.err()).contains("c.yaml").contains("exposure.trustedCidrs[0]: invalid CIDR 'nonsense'");
    }
}
