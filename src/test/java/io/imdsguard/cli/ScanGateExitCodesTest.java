package io.imdsguard.cli;

import io.imdsguard.inventory.CollectionGap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.imdsguard.cli.GateFixture.ACCOUNT;
import static io.imdsguard.cli.GateFixture.DEMO;
import static io.imdsguard.cli.GateFixture.is;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate's exit codes with suppressions and a baseline, as one table (docs/suppressions.md has the
 * same): 0 passed, 1 failed, 3 incomplete when the gate did not fail, 2 for bad input.
 */
class ScanGateExitCodesTest {
    @TempDir
    static Path dir;
    private static String demo;
    private static String gap;
    private static String highAndUp;
    private static String highAndUpExpired;
    private static String lastNight;
    private static String noWeb;
    private static String broken;

    @BeforeAll
    static void files() throws Exception {
        GateFixture fx = new GateFixture(dir);
        demo = DEMO.toString();
        gap = fx.demoVariant("gap.json", r -> true,
                new CollectionGap(ACCOUNT, "eu-west-1", "ec2", "DescribeNatGateways", "denied")).toString();
        String entries = "  - ruleId: IMDS-001\n    reason: r\n%s  - ruleId: IMDS-002\n    reason: r\n%s";
        highAndUp = fx.file("high.yaml", "suppressions:\n" + entries.formatted("", "")).toString();
        String expired = "    expires: " + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "\n";
        highAndUpExpired = fx.file("expired.yaml", "suppressions:\n" + entries.formatted(expired, expired))
                .toString();
        Path report = fx.demoReport("last-night.json");
        lastNight = report.toString();
        noWeb = fx.editReport(report, "no-web.json", is("IMDS-001", "i-0a1b2c3d4e5f60001")).toString();
        broken = fx.file("broken.yaml", "suppressions:\n  - reason: everything\n").toString();
    }

    /** One row: the case, the arguments after {@code scan --snapshot}, the exit code. */
    private record Row(String name, int exit, String snapshot, String... args) {
    }

    @Test
    void theExitCodeTable() {
        List<Row> rows = List.of(
                new Row("findings at or above --fail-on", 1, demo),
                new Row("every high-and-up finding suppressed", 0, demo, "--suppressions", highAndUp),
                new Row("the suppressions expired", 1, demo, "--suppressions", highAndUpExpired),
                new Row("suppressed, but a collection gap", 3, gap, "--suppressions", highAndUp),
                new Row("a gap, and a finding fails the gate", 1, gap),
                new Row("a baseline alone changes nothing", 1, demo, "--baseline", lastNight),
                new Row("--fail-on-new, nothing new", 0, demo, "--baseline", lastNight, "--fail-on-new"),
                new Row("--fail-on-new, a new critical", 1, demo, "--baseline", noWeb, "--fail-on-new"),
                new Row("--fail-on-new, the new critical suppressed", 0, demo, "--baseline", noWeb, "--fail-on-new",
                        "--suppressions", highAndUp),
                new Row("--fail-on-new, nothing new, a gap", 3, gap, "--baseline", lastNight, "--fail-on-new"),
                new Row("--fail-on-new, a new critical, a gap", 1, gap, "--baseline", noWeb, "--fail-on-new"),
                new Row("--fail-on-new, --fail-on none", 0, demo, "--baseline", noWeb, "--fail-on-new", "--fail-on",
                        "none"),
                new Row("--fail-on-new without --baseline", 2, demo, "--fail-on-new"),
                new Row("a suppressions file that would match everything", 2, demo, "--suppressions", broken),
                new Row("a baseline that is not a report", 2, demo, "--baseline", broken));
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            List<String> args = new ArrayList<>(List.of("scan", "--snapshot", row.snapshot(), "-q", "-f", "json",
                    "-o", dir.resolve("r.json").toString()));
            args.addAll(List.of(row.args()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            if (run.exit() != row.exit()) {
                wrong.add(row.name() + ": exit " + run.exit() + ", expected " + row.exit() + " " + run.err());
            }
        }
        assertThat(wrong).isEmpty();
    }
}
