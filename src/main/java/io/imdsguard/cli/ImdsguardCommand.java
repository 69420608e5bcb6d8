package io.imdsguard.cli;

import io.imdsguard.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The root command. Subcommands are registered in {@link #commandLine()}. */
@Command(name = "imdsguard", mixinStandardHelpOptions = true, versionProvider = ImdsguardCommand.VersionProvider.class,
        description = {
            "Finds EC2 instances that still answer IMDSv1, decides which of them the internet can reach and whose "
                + "role can read S3, and reports them as findings you can gate CI on.",
            "",
            "Exit codes: 0 passed, 1 the gate failed (--fail-on), 2 usage or configuration error, "
                + "3 the scan is incomplete (collection gaps) and the gate did not fail, "
                + "4 internal error (a bug; --verbose prints its stack trace)."},
        footer = {"", "Examples:",
            "  imdsguard scan --snapshot examples/demo-fleet.json",
            "  imdsguard collect --regions us-east-1,eu-west-1 --output snapshot.json",
            "  imdsguard scan --regions all --format json --output report.json --fail-on high"})
public final class ImdsguardCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Read through Verbose.requested(..): typed after a subcommand, it is matched on the subcommand.
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, also print its stack trace (collect also lists each collection gap; scan prints"
                    + " how long each stage took).")
    boolean verbose;

    @Override
    public void run() {
        throw new MissingCommandException(spec.commandLine());
    }

    /** A fully wired command line; tests call {@code execute(args)} on it and read the exit code. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ImdsguardCommand());
        // In pipeline order, as --help lists them.
        cl.addSubcommand(new CollectCommand());
        cl.addSubcommand(new ScanCommand());
        cl.addSubcommand(new MergeCommand());
        cl.addSubcommand(new RulesCommand());
        cl.addSubcommand(new UsageCommand());
        cl.addSubcommand(new TraceCommand());
        cl.addSubcommand(new EnforceCommand());
        cl.addSubcommand(new PolicyCommand());
        cl.addSubcommand(new BenchCommand());
        TraceCommand.describeRegions(cl.getSubcommands().get("trace"));
        EnforceCommand.describeRegions(cl.getSubcommands().get("enforce"));
        UsageCommand.withoutShard(cl.getSubcommands().get("usage"));
        // Settings below reach only subcommands registered above (picocli copies them down once).
        cl.setUsageHelpWidth(100);
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(ImdsguardCommand::onBadParameters);
        return cl;
    }

    private static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("imdsguard: " + unknownCommand(e).orElse(e.getMessage()));
        if (e instanceof MissingCommandException) {
            cl.usage(err);
        } else {
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCode.USAGE_ERROR.code();
    }

    /** Picocli calls a misspelt command an "unmatched argument at index N"; say what it is and what would do. */
    private static Optional<String> unknownCommand(CommandLine.ParameterException e) {
        CommandLine cl = e.getCommandLine();
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || cl.getSubcommands().isEmpty()
                || unmatched.getUnmatched().isEmpty() || unmatched.getUnmatched().get(0).startsWith("-")) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(cl.getSubcommands().keySet());
        String expected = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return Optional.of("unknown command '" + unmatched.getUnmatched().get(0) + "' for "
                + cl.getCommandSpec().qualifiedName() + " (expected " + expected + ")");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"imdsguard " + Version.get()};
        }
    }
}
