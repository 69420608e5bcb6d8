package io.imdsguard.cli;

import io.imdsguard.trace.ssm.Batch;
import io.imdsguard.trace.ssm.CommandSettings;
import io.imdsguard.trace.ssm.Dispatch;
import io.imdsguard.trace.ssm.Phase;
import io.imdsguard.trace.ssm.RunFile;
import io.imdsguard.trace.ssm.Skip;
import io.imdsguard.trace.ssm.TraceTarget;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan trace start and stop print, without AWS. */
class TracePlanTest {
    @Test
    void aNameTagFromTheReportCannotDriveTheTerminal() {
        List<TraceTarget> targets = List.of(new TraceTarget("i-00000000000000001", "us-east-1", "web\u001b]0;owned\u0007-1"));
        RunFile run = new RunFile(RunFile.SCHEMA_VERSION, "trace-20261201-2130-9f3a", Instant.parse("2026-12-01T21:30:00Z"),
                7200, null, null, null, "10", "25%", "123456789012", targets,
                List.of(new Skip("i-00000000000000002", "us-east-1", "not managed by SSM")), List.of());
        StringWriter out = new StringWriter();

        TracePlan.print(new PrintWriter(out), run, "start the analyzer on", targets,
                new Dispatch(Phase.START, run, CommandSettings.of(null, null), Batch.of(targets)));

        assertThat(out.toString()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("i-00000000000000001 (web?]0;owned?-1)");
    }
}
