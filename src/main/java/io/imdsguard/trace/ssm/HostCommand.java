package io.imdsguard.trace.ssm;

import io.imdsguard.trace.HostScripts;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code commands} parameter of AWS-RunShellScript for one phase: the run's parameters as shell
 * assignments, then the host script as {@code trace script} prints it, line by line. Values are
 * single-quoted, so nothing in them is expanded by the host's shell.
 */
public final class HostCommand {
    private HostCommand() {
    }

    public static List<String> commands(Phase phase, RunFile run) {
        List<String> lines = new ArrayList<>(assignments(phase, run));
        HostScripts.text(phase.scriptName()).lines().forEach(lines::add);
        return lines;
    }

    /** The lines that lead the script; the rest is the script itself. */
    public static List<String> assignments(Phase phase, RunFile run) {
        List<String> lines = new ArrayList<>();
        lines.add(assign("IMDSGUARD_RUN_ID", run.runId()));
        if (phase == Phase.START) {
            lines.add(assign("IMDSGUARD_TRACE_SECONDS", Long.toString(run.durationSeconds())));
            if (run.analyzerCommit() != null) {
                lines.add(assign("IMDSGUARD_ANALYZER_COMMIT", run.analyzerCommit()));
            }
            if (run.analyzerSource() != null) {
                lines.add(assign("IMDSGUARD_ANALYZER_SOURCE", run.analyzerSource()));
            }
        }
        return lines;
    }

    static String assign(String name, String value) {
        return name + "='" + value.replace("'", "'\\''") + "'";
    }
}
