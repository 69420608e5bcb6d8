package io.imdsguard.rules;

import io.imdsguard.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code imdsguard rules ...} run in-process; exit codes and output. */
class RulesCommandTest {
    private static final String LOAD = "src/test/resources/rules/load/";
    /** The last run: each test asserts on the output of the command it just ran. */
    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exit();
    }

    @Test
    void validateBundledPack() {
        assertThat(run("rules", "validate")).isZero();
        assertThat(last.out()).startsWith("ok: 6 rules from 4 files");
    }

    @Test
    void validateReportsSyntaxErrorCompilerStyleAndExits2() {
        assertThat(run("rules", "validate", LOAD + "syntax-error")).isEqualTo(2);
        assertThat(last.err()).containsPattern("syntax-error/broken\\.drl:9:\\d+: ");
        assertThat(last.out()).isEmpty();
    }

    @Test
    void validateRefusesMissingMetadata() {
        assertThat(run("rules", "validate", LOAD + "missing-severity")).isEqualTo(2);
        assertThat(last.err()).contains("no-severity.drl:7: rule \"No severity\": missing @severity");
    }

    @Test
    void validateUserDirectory() {
        assertThat(run("rules", "validate", LOAD + "user-pack")).isZero();
        assertThat(last.out()).startsWith("ok: 1 rules from 1 files");
    }

    @Test
    void listAsTableAndJson() {
        assertThat(run("rules", "list", "--rules", LOAD + "user-pack")).isZero();
        assertThat(last.out()).contains("IMDS-001  CRITICAL").contains("ACME-100  INFO").contains("rules/imds-hop-limit.drl");
        assertThat(run("rules", "list", "-f", "JSON")).isZero();
        assertThat(last.out()).contains("\"id\" : \"IMDS-006\"").contains("\"source\" : \"rules/imds-alb-waf.drl\"");
    }

    @Test
    void listRejectsUnknownFormat() {
        assertThat(run("rules", "list", "--format", "xml")).isEqualTo(2);
        assertThat(last.err()).contains("unknown --format 'xml'");
    }

    @Test
    void testPassingCasesExit0() {
        assertThat(run("rules", "test", LOAD + "user-pack-tests", "--rules", LOAD + "user-pack")).isZero();
        assertThat(last.out()).contains("PASS untagged").contains("1 passed, 0 failed");
    }

    @Test
    void testFailingCaseExit1WithDiff() {
        assertThat(run("rules", "test", LOAD + "user-pack-failing", "--rules", LOAD + "user-pack")).isEqualTo(1);
        assertThat(last.out()).contains("FAIL wrong-expectation")
                .contains("- missing:    ACME-100 i-named")
                .contains("+ unexpected: ACME-100 i-anonymous")
                .contains("0 passed, 1 failed");
    }

    @Test
    void bundledScenariosPassThroughTheCli() {
        assertThat(run("rules", "test", "src/test/resources/rules/scenarios")).isZero();
        assertThat(last.out()).contains("0 failed").doesNotContain("FAIL");
    }

    @Test
    void testBadInputExit2(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), "snapshot: {schemaVersion: 99}\nexpected: []\n");
        assertThat(run("rules", "test", dir.toString())).isEqualTo(2);
        assertThat(last.err()).contains("broken.yaml").contains("schemaVersion 99");
    }

    @Test
    void caseWithoutRecordedAnalysisRunsTheRealAnalyzers(@TempDir Path dir) throws IOException {
        // An instance with no interface cannot be reached: the real network analyzer finds no path, so the
        // plain IMDSv1 rule applies; the second case expects the critical one and must fail with a diff.
        String snapshot = """
                snapshot:
                  schemaVersion: 1
                  regionInventories:
                    - {account: "1", region: r, imdsDefaults: {httpTokens: required}, instances: [{instanceId: i-1, state: running}]}
                """;
        Files.writeString(dir.resolve("plain.yaml"), snapshot + "expected:\n  - {ruleId: IMDS-003, resourceId: i-1}\n");
        Files.writeString(dir.resolve("wrong.yaml"), snapshot + "expected:\n  - {ruleId: IMDS-001, resourceId: i-1}\n");
        assertThat(run("rules", "test", dir.toString())).isEqualTo(1);
        assertThat(last.out()).contains("PASS plain").contains("FAIL wrong")
                .contains("- missing:    IMDS-001").contains("+ unexpected: IMDS-003").contains("1 passed, 1 failed");
    }

    @Test
    void validateCountsTheRulesOfTheDirectoriesGivenEvenTheBundledOnes() {
        // The bundled pack's own directory, checked as a user directory: its rules are the ones counted.
        assertThat(run("rules", "validate", "rules")).isZero();
        assertThat(last.out()).startsWith("ok: 6 rules from 4 files");
    }

    @Test
    void testAppliesTheConfigurationToCasesWithoutRecordedAnalysis(@TempDir Path dir) throws IOException {
        // The demo fleet's critical instances are reachable from the internet; trusting every address makes
        // none of them reachable, so IMDS-001 must not fire when the config is honoured.
        Path demo = Path.of("examples/demo-fleet.json").toAbsolutePath();
        Files.writeString(dir.resolve("trusted.yaml"), "snapshot: " + demo + "\nonlyRules: [IMDS-001]\nexpected: []\n");
        Path config = Files.writeString(dir.resolve("trust-all.conf"), // not *.yaml: that would be a case
                "exposure:\n  trustedCidrs: [0.0.0.0/0, \"::/0\"]\n");
        assertThat(run("rules", "test", dir.toString())).as("without --config the demo fleet has IMDS-001").isEqualTo(1);
        assertThat(run("rules", "test", "--config", config.toString(), dir.toString())).isZero();
        assertThat(last.out()).contains("PASS trusted");
    }
}
