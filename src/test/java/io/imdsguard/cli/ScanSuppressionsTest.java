package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static io.imdsguard.cli.GateFixture.ACCOUNT;
import static io.imdsguard.cli.GateFixture.BASTION;
import static io.imdsguard.cli.GateFixture.DEMO;
import static io.imdsguard.cli.GateFixture.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --suppressions} in-process on the demo fleet: what is marked, warnings, bad files, the config key. */
class ScanSuppressionsTest {
    @TempDir
    Path dir;
    private GateFixture fx;

    @BeforeEach
    void fixture() {
        fx = new GateFixture(dir);
    }

    private Path suppressions(String entries) throws Exception {
        return fx.file("suppressions.yaml", "suppressions:\n" + entries);
    }

    private JsonNode scan(Path suppressions, String... more) throws Exception {
        Path report = dir.resolve("report.json");
        String[] args = Stream.concat(Stream.of("scan", "--snapshot", DEMO.toString(), "--suppressions",
                suppressions.toString(), "-f", "json", "-o", report.toString()), Stream.of(more))
                .toArray(String[]::new);
        fx.run(args);
        return GateFixture.read(report);
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("ruleId: IMDS-005", List.of("IMDS-005 " + WORKER)),
                Arguments.of("resourceId: " + BASTION, List.of("IMDS-002 " + BASTION)),
                Arguments.of("account: \"" + ACCOUNT + "\"\n    ruleId: IMDS-004", List.of("IMDS-004 us-east-1")),
                Arguments.of("region: us-east-1\n    ruleId: IMDS-003", List.of("IMDS-003 " + WORKER)),
                Arguments.of("tag: Name=queue-worker", List.of("IMDS-003 " + WORKER, "IMDS-005 " + WORKER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void eachKeySuppressesWhatItNames(String keys, List<String> expected) throws Exception {
        JsonNode report = scan(suppressions("  - " + keys + "\n    reason: accepted\n"), "--fail-on", "none");
        assertThat(GateFixture.suppressed(report)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.get("findings")).as("suppressed findings stay in the report").hasSize(8);
        assertThat(fx.last().err()).doesNotContain("warning");
    }

    @Test
    void aSuppressedFindingIsMarkedWithItsEntryAndNeverFailsTheGate() throws Exception {
        Path file = suppressions("""
                  - ruleId: IMDS-001
                    reason: "public web tier, migration planned"
                    expires: 2099-12-31
                  - resourceId: %s
                    reason: bastion retires
                """.formatted(BASTION));
        JsonNode report = scan(file, "--fail-on", "high");
        assertThat(fx.last().exit()).as("only medium and low findings are left").isZero();
        JsonNode first = report.at("/findings/0");
        assertThat(first.get("suppressed").asBoolean()).isTrue();
        assertThat(first.at("/suppression/reason").asText()).isEqualTo("public web tier, migration planned");
        assertThat(first.at("/suppression/expires").asText()).isEqualTo("2099-12-31");
        assertThat(first.at("/suppression/entry").asText()).isEqualTo(file + "#1");
        assertThat(GateFixture.byFinding(report, "/suppression/entry")).containsEntry("IMDS-002 " + BASTION,
                file + "#2");
        assertThat(report.at("/summary/CRITICAL").asInt()).as("the summary counts what the gate sees").isZero();
        assertThat(fx.last().err()).contains("(4 suppressed)").contains("gate passed (--fail-on high)");
    }

    @Test
    void theTableShowsSuppressedFindingsToo() throws Exception {
        Path file = suppressions("  - resourceId: " + BASTION + "\n    reason: bastion retires\n");
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--suppressions", file.toString(), "--fail-on",
                "critical")).isEqualTo(1);
        assertThat(fx.last().out()).contains("HIGH (suppressed)").contains(BASTION);
    }

    @Test
    void anExpiredEntryWarnsAndNoLongerApplies() throws Exception {
        // Relative to the real clock, and robust across midnight: yesterday stays past, tomorrow stays to come.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path file = suppressions("""
                  - ruleId: IMDS-002
                    reason: was accepted
                    expires: %s
                  - ruleId: IMDS-005
                    reason: still accepted
                    expires: %s
                """.formatted(today.minusDays(1), today.plusDays(1)));
        JsonNode report = scan(file, "--fail-on", "high");
        assertThat(fx.last().exit()).isEqualTo(ExitCode.GATE_FAILED.code());
        assertThat(GateFixture.suppressed(report)).containsExactly("IMDS-005 " + WORKER);
        assertThat(fx.last().err()).contains("imdsguard: warning: " + file + ":2: suppression " + file
                + "#1 (ruleId IMDS-002) expired on " + today.minusDays(1) + "; no longer applies")
                .doesNotContain("#2");
    }

    @Test
    void anEntryThatMatchesNothingWarnsAndTheScanGoesOn() throws Exception {
        Path file = suppressions("""
                  - ruleId: IMDS-005
                    reason: used
                  - ruleId: IMDS-002
                    region: eu-west-1
                    reason: mistyped region
                """);
        scan(file, "--fail-on", "none");
        assertThat(fx.last().exit()).isZero();
        assertThat(fx.last().err()).contains("imdsguard: warning: " + file + ":4: suppression " + file
                + "#2 (ruleId IMDS-002, region eu-west-1) matches nothing");
        // --quiet drops the summary line; a warning still prints, as errors do.
        fx.run("scan", "--snapshot", DEMO.toString(), "--suppressions", file.toString(), "--quiet", "-f", "json");
        assertThat(fx.last().err()).contains("matches nothing").doesNotContain("scanned");
    }

    @Test
    void aMalformedFileIsAUsageErrorNamingFileLineAndKeyBeforeAnyReport() throws Exception {
        Path file = suppressions("  - ruleId: IMDS-001\n    reason: r\n    expiry: 2027-01-01\n");
        Path report = dir.resolve("never.json");
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--suppressions", file.toString(), "-f", "json",
                "-o", report.toString())).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(fx.last().err()).startsWith("imdsguard: --suppressions: " + file + ":4:5: suppressions[0]:"
                + " unknown key 'expiry'").hasLineCount(1);
        assertThat(report).doesNotExist();
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--suppressions", dir.resolve("no.yaml").toString()))
                .isEqualTo(2);
        assertThat(fx.last().err()).contains("no.yaml: no such file");
    }

    @Test
    void theConfigKeyIsRelativeToTheConfigFileAndTheFlagOverridesIt() throws Exception {
        fx.file("conf/gate/worker.yaml", "suppressions:\n  - tag: Name=queue-worker\n    reason: from config\n");
        Path config = fx.file("conf/imdsguard.yaml", "suppressions: gate/worker.yaml\n");
        Path report = dir.resolve("r.json");
        fx.run("scan", "--snapshot", DEMO.toString(), "--config", config.toString(), "-f", "json", "-o",
                report.toString(), "--fail-on", "none");
        assertThat(GateFixture.suppressed(GateFixture.read(report)))
                .containsExactlyInAnyOrder("IMDS-003 " + WORKER, "IMDS-005 " + WORKER);
        assertThat(GateFixture.byFinding(GateFixture.read(report), "/suppression/entry"))
                .containsEntry("IMDS-003 " + WORKER, config.getParent().resolve("gate/worker.yaml") + "#1");

        Path flag = suppressions("  - resourceId: " + BASTION + "\n    reason: from the flag\n");
        fx.run("scan", "--snapshot", DEMO.toString(), "--config", config.toString(), "--suppressions",
                flag.toString(), "-f", "json", "-o", report.toString(), "--fail-on", "none");
        assertThat(GateFixture.suppressed(GateFixture.read(report))).containsExactly("IMDS-002 " + BASTION);
    }

    @Test
    void aConfigKeyNamingAMissingFileSaysWhereTheKeyIs() throws Exception {
        Path config = fx.file("conf/imdsguard.yaml", "suppressions: missing.yaml\n");
        assertThat(fx.run("scan", "--snapshot", DEMO.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(fx.last().err()).contains("suppressions (in " + config + "): "
                + config.getParent().resolve("missing.yaml") + ": no such file");
    }

    @Test
    void theBundledExampleSuppressesWhatItsCommentsSay() throws Exception {
        Path example = DEMO.resolveSibling("suppressions.yaml");
        JsonNode report = scan(example, "--fail-on", "high");
        assertThat(GateFixture.suppressed(report)).containsExactlyInAnyOrder("IMDS-002 " + BASTION,
                "IMDS-003 " + WORKER, "IMDS-005 " + WORKER, "IMDS-004 us-east-1");
        assertThat(fx.last().exit()).as("the critical findings still fail the gate").isEqualTo(1);
        assertThat(fx.last().err()).doesNotContain("warning");
    }
}
