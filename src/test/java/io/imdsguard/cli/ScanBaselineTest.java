package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdsguard.inventory.CollectionGap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.imdsguard.cli.GateFixture.ACCOUNT;
import static io.imdsguard.cli.GateFixture.BASTION;
import static io.imdsguard.cli.GateFixture.DEMO;
import static io.imdsguard.cli.GateFixture.WORKER;
import static io.imdsguard.cli.GateFixture.finding;
import static io.imdsguard.cli.GateFixture.is;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --baseline} and {@code --fail-on-new} in-process: status, resolved and where it may be said, gate. */
class ScanBaselineTest {
    private static final String WEB = "i-0a1b2c3d4e5f60001";

    @TempDir
    Path dir;
    private GateFixture fx;
    private Path lastNight;

    @BeforeEach
    void fixture() throws Exception {
        fx = new GateFixture(dir);
        lastNight = fx.demoReport("last-night.json");
    }

    private JsonNode scan(Path snapshot, Path baseline, String... more) throws Exception {
        Path report = dir.resolve("tonight.json");
        List<String> args = new ArrayList<>(List.of("scan", "--snapshot", snapshot.toString(), "--baseline",
                baseline.toString(), "-f", "json", "-o", report.toString()));
        args.addAll(List.of(more));
        fx.run(args.toArray(String[]::new));
        return GateFixture.read(report);
    }

    private static List<String> resolved(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("resolved").forEach(r -> out.add(r.get("ruleId").asText() + " " + r.at("/resource/id").asText()));
        return out;
    }

    @Test
    void theSameFleetAgainIsAllExistingAndNothingResolved() throws Exception {
        JsonNode report = scan(DEMO, lastNight, "--fail-on", "none");
        assertThat(GateFixture.byFinding(report, "/status").values()).hasSize(8).containsOnly("existing");
        assertThat(report.get("resolved")).isEmpty();
        assertThat(fx.last().err()).contains("baseline: 0 new, 8 existing, 0 resolved");
    }

    @Test
    void aFindingMissingFromTheBaselineIsNewAndOneGoneIsResolved() throws Exception {
        Path baseline = fx.editReport(lastNight, "older.json", is("IMDS-006", "i-0a1b2c3d4e5f60004"));
        JsonNode report = scan(fx.demoWithout("no-bastion.json", BASTION), baseline, "--fail-on", "none");
        Map<String, String> status = GateFixture.byFinding(report, "/status");
        assertThat(status).containsEntry("IMDS-006 i-0a1b2c3d4e5f60004", "new").containsEntry("IMDS-001 " + WEB,
                "existing").doesNotContainKey("IMDS-002 " + BASTION);
        assertThat(resolved(report)).containsExactly("IMDS-002 " + BASTION);
        JsonNode gone = report.at("/resolved/0");
        assertThat(gone.get("severity").asText()).isEqualTo("HIGH");
        assertThat(gone.get("account").asText()).isEqualTo(ACCOUNT);
        assertThat(gone.get("region").asText()).isEqualTo("us-east-1");
        assertThat(gone.at("/resource/type").asText()).isEqualTo("ec2-instance");
        assertThat(gone.at("/resource/name").asText()).isEqualTo("bastion");
        assertThat(fx.last().err()).contains("baseline: 1 new, 6 existing, 1 resolved");
    }

    @Test
    void aScanOfFewerRegionsOrAccountsDoesNotCallTheRestResolved() throws Exception {
        Path baseline = fx.editReport(lastNight, "fleet.json", f -> false,
                finding("IMDS-001", ACCOUNT, "eu-west-1", "i-eu"), finding("IMDS-001", "444455556666", "us-east-1",
                        "i-other-account"), finding("IMDS-001", ACCOUNT, "ap-south-1", "i-unscanned-region"));
        JsonNode whole = scan(DEMO, baseline, "--fail-on", "none");
        assertThat(resolved(whole)).as("eu-west-1 was scanned and i-eu is gone").containsExactly("IMDS-001 i-eu");

        JsonNode euOnly = scan(fx.demoVariant("eu.json", r -> r.region().equals("eu-west-1")), baseline,
                "--fail-on", "none");
        assertThat(euOnly.get("findings")).isEmpty();
        assertThat(resolved(euOnly)).as("us-east-1 was not scanned: its findings are not resolved")
                .containsExactly("IMDS-001 i-eu");
    }

    @Test
    void aRegionWithACollectionGapResolvesNothing() throws Exception {
        Path gap = fx.demoVariant("gap.json", r -> true,
                new CollectionGap(ACCOUNT, "us-east-1", "ec2", "DescribeInstances", "UnauthorizedOperation: denied"));
        Path baseline = fx.editReport(lastNight, "fleet.json", f -> false,
                finding("IMDS-001", ACCOUNT, "us-east-1", "i-gone"));
        JsonNode report = scan(gap, baseline, "--fail-on", "none");
        assertThat(resolved(report)).isEmpty();
        assertThat(fx.last().exit()).isEqualTo(ExitCode.INCOMPLETE.code());
    }

    @Test
    void failOnNewFailsOnlyOnNewFindingsAtOrAboveTheThreshold() throws Exception {
        scan(DEMO, lastNight, "--fail-on-new");
        assertThat(fx.last().exit()).as("all existing").isZero();
        assertThat(fx.last().err()).contains("gate passed (--fail-on high --fail-on-new)");
        scan(DEMO, lastNight);
        assertThat(fx.last().exit()).as("without --fail-on-new existing findings count").isEqualTo(1);

        Path noWeb = fx.editReport(lastNight, "no-web.json", is("IMDS-001", WEB));
        scan(DEMO, noWeb, "--fail-on-new");
        assertThat(fx.last().exit()).as("a new critical").isEqualTo(1);
        assertThat(fx.last().err()).contains("baseline: 1 new, 7 existing").contains("gate FAILED (--fail-on high"
                + " --fail-on-new)");

        Path noLow = fx.editReport(lastNight, "no-low.json", is("IMDS-005", WORKER));
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--baseline", noLow.toString(), "--fail-on-new"))
                .as("a new low finding is below --fail-on high").isZero();
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--baseline", noLow.toString(), "--fail-on-new",
                "--fail-on", "low")).isEqualTo(1);
    }

    @Test
    void aNewFindingThatIsSuppressedDoesNotFailTheGate() throws Exception {
        Path noWeb = fx.editReport(lastNight, "no-web.json", is("IMDS-001", WEB));
        Path suppressions = fx.file("s.yaml", "suppressions:\n  - resourceId: " + WEB + "\n    reason: known\n");
        JsonNode report = scan(DEMO, noWeb, "--fail-on-new", "--suppressions", suppressions.toString());
        assertThat(fx.last().exit()).isZero();
        assertThat(GateFixture.byFinding(report, "/status")).containsEntry("IMDS-001 " + WEB, "new");
        assertThat(GateFixture.suppressed(report)).containsExactly("IMDS-001 " + WEB);
    }

    @Test
    void junitMarksAgreeWithTheExitCodeUnderFailOnNew() throws Exception {
        Path noWeb = fx.editReport(lastNight, "no-web.json", is("IMDS-001", WEB));
        Path junit = dir.resolve("junit.xml");
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--baseline", noWeb.toString(), "--fail-on-new",
                "-f", "junit", "-o", junit.toString())).isEqualTo(1);
        String xml = Files.readString(junit);
        assertThat(xml.split("<failure", -1)).as("one failure: the new critical").hasSize(2);
        assertThat(xml).contains(WEB);
    }

    @Test
    void failOnNewWithoutABaselineIsAUsageError() {
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--fail-on-new")).isEqualTo(2);
        assertThat(fx.last().err()).contains("--fail-on-new needs --baseline PREVIOUS.json");
    }

    @Test
    void aBadBaselineIsAUsageErrorNamingTheFile() throws Exception {
        Path notJson = fx.file("bad.json", "{\"schemaVersion\": 1, \"findings\": [");
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--baseline", notJson.toString())).isEqualTo(2);
        assertThat(fx.last().err()).startsWith("imdsguard: --baseline: " + notJson + ":").contains("not valid JSON");
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--baseline", dir.resolve("no.json").toString()))
                .isEqualTo(2);
        assertThat(fx.last().err()).contains("no.json: no such file");
        Path snapshotNotReport = DEMO;
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--baseline", snapshotNotReport.toString()))
                .as("a snapshot is not a report").isEqualTo(2);
        Path noRule = fx.editReport(lastNight, "no-rule.json", f -> false,
                "{\"severity\":\"HIGH\",\"account\":\"1\",\"region\":\"r\","
                        + "\"resource\":{\"type\":\"t\",\"id\":\"i\"}}");
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--baseline", noRule.toString())).isEqualTo(2);
        assertThat(fx.last().err()).containsPattern(java.util.regex.Pattern.quote(noRule.toString())
                + ": findings\\[\\d+\\]\\.ruleId: missing");
    }

    @Test
    void withoutABaselineEveryFindingIsNewAndResolvedIsEmpty() throws Exception {
        JsonNode report = GateFixture.read(lastNight);
        assertThat(GateFixture.byFinding(report, "/status").values()).containsOnly("new");
        assertThat(report.get("resolved")).isEmpty();
    }
}
