package io.imdsguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes for bugs versus user errors, --verbose everywhere, and what --help and usage errors say. */
class ErrorsAndHelpTest {
    @TempDir
    Path dir;

    /** Hands {@code e} to the CLI's error handler as if the command given by {@code args} had thrown it. */
    private static CliRun handle(Exception e, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = ImdsguardCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        int exit = new ErrorHandler().handleExecutionException(e, cl, parsed);
        return new CliRun(exit, "", err.toString());
    }

    @Test
    void anUnexpectedExceptionIsAnInternalErrorOnOneLine() {
        CliRun run = handle(new IllegalStateException("rules fired twice\nsecond line"), "rules", "list");
        assertThat(run.exit()).isEqualTo(ExitCode.INTERNAL_ERROR.code()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("imdsguard: internal error: rules fired twice (rerun with --verbose for details)"
                + System.lineSeparator());
        CliRun npe = handle(new NullPointerException(), "scan");
        assertThat(npe.exit()).isEqualTo(4);
        assertThat(npe.err().strip()).isEqualTo("imdsguard: internal error: NullPointerException (rerun with --verbose for details)");
    }

    @Test
    void verboseAddsTheStackTraceOfAnInternalError() {
        for (String[] args : new String[][] {{"--verbose", "rules", "list"}, {"rules", "list", "--verbose"}}) {
            CliRun run = handle(new IllegalStateException("boom"), args);
            assertThat(run.exit()).isEqualTo(4);
            assertThat(run.err()).startsWith("imdsguard: internal error: boom" + System.lineSeparator())
                    .contains("java.lang.IllegalStateException: boom", "\tat ");
        }
    }

    @Test
    void theProjectsOwnBadInputExceptionsStayUsageErrors() {
        CliRun usage = handle(new UsageException("--fail-on: unknown severity 'x'"), "scan");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err().strip()).isEqualTo("imdsguard: --fail-on: unknown severity 'x'");
        CliRun snapshot = handle(new io.imdsguard.inventory.SnapshotFormatException("s.json: empty file", null), "scan");
        assertThat(snapshot.exit()).isEqualTo(2);
        assertThat(snapshot.err().strip()).isEqualTo("imdsguard: s.json: empty file");
    }

    @Test
    void aUsageErrorFromTheCliExitsTwoAndNamesEveryThreshold() {
        CliRun run = CliRun.of("scan", "--snapshot", "examples/demo-fleet.json", "--fail-on", "severe");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("imdsguard: --fail-on: unknown severity 'severe' (expected critical, high, medium, low, info or none)");
    }

    @Test
    void verboseIsAcceptedBeforeAndAfterEverySubcommand() {
        assertThat(CliRun.of("--verbose", "rules", "list").exit()).isEqualTo(0);
        assertThat(CliRun.of("rules", "list", "--verbose").exit()).isEqualTo(0);
        assertThat(CliRun.of("rules", "validate", "--verbose").exit()).isEqualTo(0);
        Path missing = dir.resolve("missing.json");
        for (String[] args : new String[][] {
                {"--verbose", "scan", "--snapshot", missing.toString()},
                {"scan", "--snapshot", missing.toString(), "--verbose"},
                {"policy", "simulate", "--verbose", "--input", missing.toString()},
                {"--verbose", "policy", "simulate", "--input", missing.toString()}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args))
                    .startsWith("imdsguard: " + missing + ": no such file" + System.lineSeparator()).contains("\tat ");
        }
    }

    @Test
    void aGroupWithoutItsSubcommandIsAUsageErrorWithHelpOnStderr() {
        for (String[] args : new String[][] {{}, {"rules"}, {"policy"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("imdsguard: missing command" + System.lineSeparator())
                    .contains("Usage: imdsguard", "Commands:");
        }
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun run = CliRun.of("scna");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'scna'", "Did you mean: imdsguard scan?", "Try 'imdsguard --help'");
    }

    @Test
    void unknownProfileIsNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile audit]\nregion = eu-west-1\n");
        Path credentials = Files.writeString(dir.resolve("credentials"), "[audit]\naws_access_key_id = testing\n");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            CliRun run = CliRun.of("collect", "--profile", "nosuch", "--endpoint-url", "http://127.0.0.1:1",
                    "--output", dir.resolve("s.json").toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("imdsguard: AWS profile 'nosuch' not found in " + config + " or " + credentials);
        } finally {
            System.clearProperty("aws.configFile");
            System.clearProperty("aws.sharedCredentialsFile");
        }
    }

    @Test
    void helpDocumentsExitCodeFourAndEveryFailOnValue() {
        assertThat(CliRun.of("--help").out()).contains("4 internal error", "--verbose");
        String scan = CliRun.of("scan", "--help").out().replaceAll("\\s+", " ");
        assertThat(scan).contains("4 internal error", "critical, high, medium, low, info, or none");
    }

    @Test
    void rulesSubcommandsHaveExamples() {
        assertThat(CliRun.of("rules", "list", "--help").out()).contains("Examples:", "imdsguard rules list --rules ./my-rules");
        assertThat(CliRun.of("rules", "validate", "--help").out()).contains("Examples:", "imdsguard rules validate ./my-rules");
        assertThat(CliRun.of("rules", "test", "--help").out()).contains("Examples:", "imdsguard rules test examples/rule-tests");
        // The group's command list shows each subcommand's one-line summary, not its whole description.
        assertThat(CliRun.of("rules", "--help").out())
                .contains("  test      Run data-driven rule tests (a snapshot plus the findings expected from it).");
    }

    @Test
    void policySimulateSummaryIsAWholeSentence() {
        String help = CliRun.of("policy", "--help").out();
        assertThat(help).contains("  simulate  Decide IAM requests offline, with AWS's policy evaluation logic.")
                .doesNotContain("in order:", "DESIGN");
        assertThat(CliRun.of("policy", "simulate", "--help").out()).doesNotContain("DESIGN");
    }

    @Test
    void ruleTestCaseErrorsAreOneLineWithPosition() throws Exception {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Files.writeString(cases.resolve("a.yaml"), "snapshot:\n  schemaVersion: 1\n  regionInventories: [\n   - x\nexpected: []\n");
        CliRun syntax = CliRun.of("rules", "test", cases.toString());
        assertThat(syntax.exit()).isEqualTo(2);
        assertThat(syntax.err().strip().lines()).singleElement().asString()
                .startsWith("imdsguard: " + cases.resolve("a.yaml") + ":4:4: not valid YAML: ");
        Files.writeString(cases.resolve("a.yaml"),
                "snapshot:\n  schemaVersion: 1\n  regionInventories:\n    - account: 111122223333\nexpected: []\n");
        CliRun wrongType = CliRun.of("rules", "test", cases.toString());
        assertThat(wrongType.exit()).isEqualTo(2);
        assertThat(wrongType.err().strip()).isEqualTo("imdsguard: " + cases.resolve("a.yaml") + ":4:16: "
                + "snapshot.regionInventories[0].account: expected a string, got a number (111122223333); quote it in YAML");
        Files.writeString(cases.resolve("a.yaml"), "");
        CliRun empty = CliRun.of("rules", "test", cases.toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err().strip()).isEqualTo("imdsguard: " + cases.resolve("a.yaml")
                + ": empty file (expected a test case: snapshot, expected, ...)");
    }
}
