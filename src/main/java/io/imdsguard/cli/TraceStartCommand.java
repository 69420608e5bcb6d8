package io.imdsguard.cli;

import io.imdsguard.report.ReportFile;
import io.imdsguard.report.ReportFormatException;
import io.imdsguard.trace.ssm.Batch;
import io.imdsguard.trace.ssm.CommandSettings;
import io.imdsguard.trace.ssm.Dispatch;
import io.imdsguard.trace.ssm.Phase;
import io.imdsguard.trace.ssm.RunFile;
import io.imdsguard.trace.ssm.RunFileException;
import io.imdsguard.trace.ssm.RunFiles;
import io.imdsguard.trace.ssm.RunIds;
import io.imdsguard.trace.ssm.S3Output;
import io.imdsguard.trace.ssm.TargetCheck;
import io.imdsguard.trace.ssm.TargetSources;
import io.imdsguard.trace.ssm.TraceTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code imdsguard trace start}: plans, and with {@code --yes} sends, the analyzer to the hosts. */
@Command(name = "start", header = "Start the IMDS packet analyzer on hosts through SSM (a plan unless --yes).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Checks the targets with SSM (only online Linux managed nodes), prints the plan and, only with --yes, "
                + "sends the start script (imdsguard trace script start) with SSM Run Command in batches of at most "
                + "50 instances per region. The analyzer then runs for --duration and stops itself. The run file "
                + "records what was sent, for trace collect and trace stop.",
            "",
            "Exit codes: 0 planned or sent, 2 usage error, 3 a batch could not be sent or nothing was left to send."},
        footer = {"", "Examples:",
            "  imdsguard trace start --from-report report.json --run run.json",
            "  imdsguard trace start --from-report report.json --rule IMDS-001 --duration 4h --run run.json --yes",
            "  imdsguard trace start --instance-ids i-0abc...,i-0def... --regions eu-west-1 --run run.json --yes"})
public final class TraceStartCommand implements Callable<Integer> {
    static final Duration MAX_DURATION = Duration.ofHours(48);
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");

    @Option(names = "--from-report", paramLabel = "FILE", description = "A scan's JSON report: trace the instances of its findings.")
    Path fromReport;

    @Option(names = "--rule", paramLabel = "ID", description = "With --from-report: the rules whose findings to trace "
            + "(repeatable; default IMDS-001, IMDS-002 and IMDS-003).")
    List<String> rules = new ArrayList<>();

    @Option(names = "--instance-ids", paramLabel = "ID[,ID...]", description = "Instances to trace, comma-separated "
            + "(repeatable); looked for in --regions, else the home region.")
    List<String> instanceIds = new ArrayList<>();

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "2h",
            description = "How long the analyzer runs on each host: 30m, 2h, 1d (at most 48h; default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--run", required = true, paramLabel = "FILE", description = "The run file to write.")
    Path runFile;

    @Option(names = "--replace-run", description = "Write --run even when it holds another run (whose hosts may still trace).")
    boolean replaceRun;

    @Option(names = "--s3-output", paramLabel = "BUCKET[/PREFIX]",
            description = "Have SSM write each host's full output to this bucket (output over 24,000 characters is cut otherwise).")
    String s3Output;

    @Option(names = "--max-concurrency", paramLabel = "N|N%", description = "Hosts a command runs on at once (default "
            + CommandSettings.DEFAULT_MAX_CONCURRENCY + ").")
    String maxConcurrency;

    // Picocli formats descriptions: CommandSettings.DEFAULT_MAX_ERRORS's '%' must be doubled here.
    @Option(names = "--max-errors", paramLabel = "N|N%", description = "Failed hosts after which SSM stops a command "
            + "(default 25%%).")
    String maxErrors;

    @Option(names = "--analyzer-commit", paramLabel = "SHA", description = "The analyzer commit the hosts check out "
            + "(default: the one the start script pins).")
    String analyzerCommit;

    @Option(names = "--analyzer-source", paramLabel = "URL", description = "Where hosts fetch the analyzer: a git URL "
            + "or a tarball mirror (default: its GitHub repository).")
    String analyzerSource;

    @Option(names = "--yes", description = "Send the commands. Without it nothing is sent.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // 1. Everything that can be checked offline, before any AWS call.
        Duration traceFor = TraceDurations.parse("--duration", duration, Duration.ofMinutes(1), MAX_DURATION);
        CommandSettings settings = settings();
        S3Output output = s3Output == null ? null : parse("--s3-output", () -> S3Output.parse(s3Output));
        checkAnalyzerOptions();
        List<String> ids = CommaList.items("--instance-ids", "instance id", "name instances, comma-separated", instanceIds);
        if ((fromReport == null) == ids.isEmpty()) {
            throw new UsageException("name the hosts to trace with either --from-report FILE or --instance-ids ID,..");
        }
        if (!rules.isEmpty() && fromReport == null) {
            throw new UsageException("--rule selects findings of --from-report; with --instance-ids it has no use");
        }
        parse("--instance-ids", () -> TargetSources.checkIds(ids));
        ReportFile report = fromReport == null ? null : readReport();
        checkRunFile();
        aws.validate();
        if (aws.request().regions().contains("all")) {
            throw new UsageException("--regions all is not supported by trace start; name the regions");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (AwsSession session = AwsSession.open(aws)) {
            // 2. Who we are, and which hosts SSM can reach.
            String account = session.account();
            List<String> regions = aws.request().regions();
            Map<String, List<TraceTarget>> candidates = report != null
                    ? TargetSources.fromReport(report, rules, regions)
                    : parse("--instance-ids", () -> TargetSources.fromIds(ids,
                            regions.isEmpty() ? List.of(session.homeRegion()) : regions));
            TargetCheck.Selection selection = session.call("SSM DescribeInstanceInformation",
                    () -> TargetCheck.check(session.clients::ssm, candidates));

            // 3. The plan.
            Clock clock = Clock.systemUTC();
            RunFile run = new RunFile(RunFile.SCHEMA_VERSION, RunIds.next(clock), clock.instant(), traceFor.toSeconds(),
                    analyzerCommit, analyzerSource, output, settings.maxConcurrency(), settings.maxErrors(), account,
                    selection.targets(), selection.skips(), List.of());
            Dispatch dispatch = new Dispatch(Phase.START, run, settings, Batch.of(run.targets()));
            TracePlan.print(out, run, "start the IMDS packet analyzer for " + TraceDurations.words(traceFor) + " on",
                    run.targets(), dispatch);
            if (!yes) {
                TracePlan.printHowToSend(out, spec.commandLine().getParseResult().originalArgs());
                return ExitCode.PASSED.code();
            }
            if (run.targets().isEmpty()) {
                out.println("Nothing sent: no host can be traced. No run file written.");
                return ExitCode.INCOMPLETE.code();
            }

            // 4. Send, recording each command as soon as SSM took it.
            TraceSender.Result sent = TraceSender.send(session, dispatch, run, runFile, spec.commandLine().getErr(), clock);
            out.println("Sent " + sent.commands() + " command" + (sent.commands() == 1 ? "" : "s") + " to "
                    + sent.hosts() + " host" + (sent.hosts() == 1 ? "" : "s") + "; run " + run.runId()
                    + " recorded in " + runFile + ".");
            out.println("Read the logs with: imdsguard trace collect --run " + runFile + " --output DIR"
                    + " (any time; the analyzer stops itself after " + TraceDurations.words(traceFor) + ")");
            out.println("Clean up with: imdsguard trace stop --run " + runFile + " --yes");
            return (sent.failedBatches() == 0 ? ExitCode.PASSED : ExitCode.INCOMPLETE).code();
        }
    }

    private CommandSettings settings() {
        return parse("limits", () -> CommandSettings.of(maxConcurrency, maxErrors));
    }

    private void checkAnalyzerOptions() {
        if (analyzerCommit != null && !COMMIT.matcher(analyzerCommit).matches()) {
            throw new UsageException("--analyzer-commit must be a git commit id (7 to 40 lower-case hex digits), got '"
                    + analyzerCommit + "'");
        }
        // Checked first, and never echoed: the URL goes into the run file, the plan and SSM's command history.
        if (analyzerSource != null && analyzerSource.matches("(?i)https?://[^/?#]*@.*")) {
            throw new UsageException("--analyzer-source must not hold credentials (user:password@ or token@); "
                    + "give the hosts access to the mirror another way (a netrc, an instance role, a private network)");
        }
        if (analyzerSource != null && (analyzerSource.isBlank() || !analyzerSource.matches("(https?://|git@)\\S+"))) {
            throw new UsageException("--analyzer-source must be an http(s) or git@ URL without spaces, got '"
                    + analyzerSource + "'");
        }
    }

    private ReportFile readReport() {
        try {
            return ReportFile.read(fromReport);
        } catch (ReportFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** A run file already there is another run's: its hosts may still trace, and only it can stop them. */
    private void checkRunFile() {
        if (Files.isDirectory(runFile)) {
            throw new UsageException("--run " + runFile + ": is a directory; name a file");
        }
        Path dir = runFile.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException("--run " + runFile + ": directory " + dir + " does not exist");
        }
        if (!Files.exists(runFile) || replaceRun) {
            return;
        }
        try {
            RunFile other = RunFiles.read(runFile);
            throw new UsageException(runFile + " holds run " + other.runId() + " (" + other.targets().size()
                    + " hosts); stop it with trace stop, or pass --replace-run, or choose another --run");
        } catch (RunFileException e) {
            throw new UsageException("--run " + e.getMessage() + "; choose another --run, this one would be replaced", e);
        }
    }

    private static <T> T parse(String what, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException((e.getMessage().startsWith("--") ? "" : what + ": ") + e.getMessage(), e);
        }
    }
}
