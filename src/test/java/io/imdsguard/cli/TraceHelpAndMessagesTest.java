package io.imdsguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer reads first: the trace commands' help, a misspelt command, the wrong JSON file as --run. */
class TraceHelpAndMessagesTest {
    private static final Path DEMO = Path.of("examples/demo-fleet.json");

    @TempDir
    Path dir;

    @Test
    void traceStartHelpPrintsNoPicocliWarningAndTheDefaultMaxErrors() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        CliRun run;
        try {
            run = CliRun.of("trace", "start", "--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(run.exit()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("Failed hosts after which SSM stops a command (default "
                + io.imdsguard.trace.ssm.CommandSettings.DEFAULT_MAX_ERRORS + ").");
    }

    @Test
    void traceStartHelpDoesNotOfferRegionsAll() {
        String help = CliRun.of("trace", "start", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("--regions=REGION[,REGION...] Regions the hosts are in")
                .contains("not 'all'")
                .doesNotContain("default: every region enabled in the account");
        CliRun all = CliRun.of("trace", "start", "--instance-ids", "i-0a1b2c3d4e5f60001", "--regions", "all",
                "--run", dir.resolve("run.json").toString());
        assertThat(all.exit()).isEqualTo(2);
        assertThat(all.err()).contains("--regions all is not supported by trace start");
    }

    @Test
    void traceCollectAndStopHelpDoNotListRegionsTheyRefuse() {
        for (String sub : new String[] {"collect", "stop"}) {
            CliRun help = CliRun.of("trace", sub, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).as(sub).doesNotContain("--regions").contains("--endpoint-url", "--run=FILE");
        }
    }

    @Test
    void aMisspeltCommandIsNamedWithTheCommandsThatExist() {
        CliRun trace = CliRun.of("trace", "strat");
        assertThat(trace.exit()).isEqualTo(2);
        assertThat(trace.err()).startsWith("imdsguard: unknown command 'strat' for imdsguard trace "
                + "(expected start, collect, stop, parse or script)" + System.lineSeparator())
                .contains("Try 'imdsguard trace --help'").doesNotContain("Unmatched argument");
        CliRun root = CliRun.of("frob");
        assertThat(root.exit()).isEqualTo(2);
        assertThat(root.err()).startsWith("imdsguard: unknown command 'frob' for imdsguard (expected collect, scan, "
                + "merge, rules, usage, trace, enforce or policy)");
        // A stray argument after a command without subcommands keeps picocli's wording.
        CliRun stray = CliRun.of("trace", "script", "start", "extra");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).doesNotContain("unknown command");
    }

    @Test
    void aScanReportGivenAsRunFileIsCalledWhatItIs() throws IOException {
        Path report = dir.resolve("report.json");
        CliRun scan = CliRun.of("scan", "--snapshot", DEMO.toString(), "-f", "json", "-o", report.toString(),
                "--fail-on", "none", "--quiet");
        assertThat(scan.exit()).isZero();
        for (String sub : new String[] {"collect", "stop"}) {
            CliRun run = sub.equals("collect")
                    ? CliRun.of("trace", "collect", "--run", report.toString(), "-o", dir.resolve("ev").toString())
                    : CliRun.of("trace", "stop", "--run", report.toString());
            assertThat(run.exit()).as(sub).isEqualTo(2);
            assertThat(run.err().strip()).as(sub).isEqualTo("imdsguard: " + report + ": is a scan report, not a trace run file");
        }
        CliRun start = CliRun.of("trace", "start", "--instance-ids", "i-0a1b2c3d4e5f60001", "--regions", "us-east-1",
                "--run", report.toString());
        assertThat(start.exit()).isEqualTo(2);
        assertThat(start.err().strip()).isEqualTo("imdsguard: --run " + report
                + ": is a scan report, not a trace run file; choose another --run, this one would be replaced");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"schemaVersion\": 1}");
        assertThat(CliRun.of("trace", "stop", "--run", other.toString()).err())
                .contains(other + ": not a trace run file (no runId)");
    }

    @Test
    void oneEvidenceFileIsCountedInTheSingular() throws IOException {
        Path evidence = Files.createDirectories(dir.resolve("evidence"));
        Files.writeString(evidence.resolve("i-0a1b2c3d4e5f60003.json"), """
                {"schemaVersion": 1, "instanceId": "i-0a1b2c3d4e5f60003",
                 "v1Callers": [{"pid": 7, "comm": "curl", "argv": "curl", "parents": [], "paths": ["/latest/"],
                                "calls": 1, "missingPayload": false,
                                "firstSeen": "2026-12-01T10:00:00.000", "lastSeen": "2026-12-01T10:00:00.000"}],
                 "v2Calls": 0, "unparsed": 0}
                """);
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--evidence", evidence.toString(),
                "--fail-on", "none", "-o", dir.resolve("r.txt").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("evidence for 1 instance (1 traced, 0 with CloudWatch counts), added to 1 finding"
                + System.lineSeparator());
    }
}
