package io.imdsguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code imdsguard trace start|collect|stop|parse|script}: which processes on a host still call
 * IMDSv1, found by AWS's IMDS packet analyzer run through SSM, and read back as evidence files.
 */
@Command(name = "trace", header = "Find the processes that still call IMDSv1, on the hosts, through SSM.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs AWS's IMDS packet analyzer on flagged hosts through SSM Run Command, for a while, then reads "
                + "its log back and writes one evidence file per instance that scan --evidence reads.",
            "",
            "start and stop change hosts: they print the plan and send nothing without --yes."},
        footer = {"", "A run, start to finish:",
            "  imdsguard scan --regions all -f json -o report.json --fail-on none",
            "  imdsguard trace start --from-report report.json --duration 2h --run run.json        # the plan",
            "  imdsguard trace start --from-report report.json --duration 2h --run run.json --yes  # send it",
            "  imdsguard trace collect --run run.json --output evidence/                          # 2h later",
            "  imdsguard scan --regions all --evidence evidence/",
            "  imdsguard trace stop --run run.json --yes",
            "",
            "Read what runs as root first: imdsguard trace script start"},
        subcommands = {TraceStartCommand.class, TraceCollectCommand.class, TraceStopCommand.class,
            TraceParseCommand.class, TraceScriptCommand.class})
public final class TraceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new MissingCommandException(spec.commandLine());
    }
}
