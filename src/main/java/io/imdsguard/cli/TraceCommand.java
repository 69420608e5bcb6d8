package io.imdsguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

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

    /**
     * The shared AWS options say what --regions means for collect and scan; the trace commands mean
     * something else by it, and help must not promise 'all' or every enabled region.
     */
    static void describeRegions(CommandLine trace) {
        replaceRegions(trace, "start", List.of("Regions the hosts are in, comma-separated (repeatable); not 'all' "
                + "(default: --from-report, every region of the report; --instance-ids, the home region)."), false);
        // The run file names each host's region: kept only to be refused with that reason.
        for (String name : List.of("collect", "stop")) {
            replaceRegions(trace, name, List.of(), true);
        }
    }

    /** Replaces the shared --regions of {@code parent}'s subcommand {@code name}: its description, or hides it. */
    static void replaceRegions(CommandLine parent, String name, List<String> description, boolean hidden) {
        CommandSpec sub = parent.getSubcommands().get(name).getCommandSpec();
        OptionSpec regions = sub.findOption("--regions");
        OptionSpec.Builder copy = regions.toBuilder().hidden(hidden);
        if (!description.isEmpty()) {
            copy.description(description.toArray(String[]::new));
        }
        sub.remove(regions);
        sub.addOption(copy.build());
    }
}
