package io.imdsguard.cli;

import io.imdsguard.trace.ssm.Batch;
import io.imdsguard.trace.ssm.CommandSettings;
import io.imdsguard.trace.ssm.Dispatch;
import io.imdsguard.trace.ssm.Phase;
import io.imdsguard.trace.ssm.RunFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code imdsguard trace stop}: removes the analyzer's unit, checkout and logs from the run's hosts. */
@Command(name = "stop", header = "Remove the analyzer, its unit and its logs from a run's hosts (a plan unless --yes).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sends the stop script (imdsguard trace script stop) to every host the run started the analyzer on, "
                + "with the run's limits. Collect first: the logs are deleted.",
            "",
            "Exit codes: 0 planned or sent, 2 usage error (unreadable run file), 3 a batch could not be sent."},
        footer = {"", "Examples:",
            "  imdsguard trace stop --run run.json",
            "  imdsguard trace stop --run run.json --yes"})
public final class TraceStopCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "FILE", description = "The run file trace start wrote.")
    Path runFile;

    @Option(names = "--yes", description = "Send the stop script. Without it nothing is sent.")
    boolean yes;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunFile run = RunFileOption.read(runFile);
        TraceCollectCommand.rejectRegions(aws);
        aws.validate();
        PrintWriter out = spec.commandLine().getOut();
        try (AwsSession session = AwsSession.open(aws)) {
            TraceCollectCommand.checkAccount(session, run, runFile);
            CommandSettings settings = CommandSettings.of(run.maxConcurrency(), run.maxErrors());
            Dispatch dispatch = new Dispatch(Phase.STOP, run, settings, Batch.of(run.targets()));
            TracePlan.print(out, run, "stop the analyzer and delete its logs on", run.targets(), dispatch);
            if (!yes) {
                TracePlan.printHowToSend(out, spec.commandLine().getParseResult().originalArgs());
                return ExitCode.PASSED.code();
            }
            if (run.targets().isEmpty()) {
                out.println("Nothing to stop: the run has no targets.");
                return ExitCode.PASSED.code();
            }
            TraceSender.Result sent = TraceSender.send(session, dispatch, run, runFile, spec.commandLine().getErr(),
                    Clock.systemUTC());
            out.println("Sent the stop script to " + sent.hosts() + " host" + (sent.hosts() == 1 ? "" : "s") + " in "
                    + sent.commands() + " command" + (sent.commands() == 1 ? "" : "s") + "; recorded in " + runFile + ".");
            return (sent.failedBatches() == 0 ? ExitCode.PASSED : ExitCode.INCOMPLETE).code();
        }
    }
}
