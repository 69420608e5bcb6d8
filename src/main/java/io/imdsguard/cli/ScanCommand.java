package io.imdsguard.cli;

import io.imdsguard.Parallel;
import io.imdsguard.StageTimes;
import io.imdsguard.collect.CollectionResult;
import io.imdsguard.collect.Shard;
import io.imdsguard.config.ConfigException;
import io.imdsguard.config.ConfigLoader;
import io.imdsguard.config.ScanConfig;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.EvidenceFormatException;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.baseline.Baseline;
import io.imdsguard.findings.FindingFilter;
import io.imdsguard.findings.GatePolicy;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotFormatException;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.rules.CompiledRules;
import io.imdsguard.scan.HostEvidenceFilter;
import io.imdsguard.scan.ScanPipeline;
import io.imdsguard.suppress.SuppressionsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/** {@code imdsguard scan}: collect (or read a snapshot), analyze, fire the rules, report, and gate. */
@Command(name = "scan", header = "Find IMDSv1 exposure: collect or read a snapshot, analyze, fire rules, report, gate.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Finds instances that answer IMDSv1, decides which the internet can reach (directly or through a load "
                + "balancer) and whose role can read S3, fires the rule pack and reports the findings. "
                + "Scans live AWS (read-only, like 'collect') or, with --snapshot, a saved snapshot offline.",
            "",
            "Exit codes: 0 passed, 1 a finding at or above --fail-on (not suppressed; with --fail-on-new, not"
                + " in the baseline), 2 usage/configuration error, "
                + "3 the scan is incomplete (collection gaps) and the gate did not fail, "
                + "4 internal error (a bug; --verbose prints its stack trace)."},
        footer = {"", "Examples:",
            "  imdsguard scan --snapshot examples/demo-fleet.json",
            "  imdsguard scan --regions all --fail-on critical",
            "  imdsguard scan --snapshot snapshot.json --wide --quiet",
            "  imdsguard scan --snapshot snapshot.json --format json --output report.json",
            "  imdsguard scan --snapshot snapshot.json -f table,json,sarif --output reports/",
            "  imdsguard scan --regions all -f html,sarif,junit -o reports/ --fail-on none   # the morning report",
            "  imdsguard collect -o - | imdsguard scan --snapshot - -f json -o - | jq .summary",
            "  imdsguard scan --rules ./my-rules --config config/imdsguard.yaml --save-snapshot s.json",
            "  imdsguard scan --snapshot s.json --suppressions examples/suppressions.yaml",
            "  imdsguard scan -f json -o tonight.json --baseline last-night.json --fail-on-new",
            "  imdsguard scan --org --assume-role OrganizationAccountAccessRole --regions all -f json -o org.json",
            "  imdsguard scan --accounts 111111111111,222222222222 --assume-role ImdsguardScan --external-id x",
            "  imdsguard scan --org --assume-role ImdsguardScan --shard 2/8 -f json -o shard-2.json"})
public final class ScanCommand implements Callable<Integer> {
    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    AccountOptions accounts = new AccountOptions();

    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "Scan this snapshot (from 'imdsguard collect') instead of calling AWS; '-' reads stdin.")
    Path snapshotFile;

    @Option(names = "--rules", paramLabel = "DIR", description = "Also load the *.drl rules in DIR (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table). Repeatable or comma-separated"
                    + " (-f json,sarif); several formats need a directory for --output.",
            completionCandidates = Formats.class)
    List<String> formats = new ArrayList<>();

    // A String, not a Path: Path drops the trailing '/' that says "directory".
    @Option(names = {"-o", "--output"}, paramLabel = "FILE|DIR",
            description = "Write the report to FILE instead of stdout ('-' is stdout). A directory (an existing one, "
                    + "or a path ending in '/', created if new) gets imdsguard-report.<ext> per format.")
    String output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "Exit 1 when a finding at or above this severity exists: critical, high, medium, low, info,"
                    + " or none to never fail (default: ${DEFAULT-VALUE}). JUnit reports mark exactly these findings"
                    + " as failures.")
    String failOn;

    // Suppressions, baseline, --fail-on-new
    @Mixin
    GateOptions gateOptions = new GateOptions();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration YAML (trusted CIDRs, thresholds, and defaults for --regions, --accounts, "
                    + "--org, --assume-role, --external-id, --concurrency, --format, --output, --fail-on, "
                    + "--suppressions); '-' reads stdin.")
    Path configFile;

    @Option(names = "--evidence", paramLabel = "DIR",
            description = "Put each instance's evidence of IMDSv1 use into its findings: the <instance-id>.json files "
                    + "that 'trace collect', 'trace parse --output' and 'usage --output' write (traced processes, "
                    + "CloudWatch counts).")
    Path evidenceDir;

    @Option(names = "--save-snapshot", paramLabel = "FILE",
            description = "Also save the collected snapshot here ('-' is stdout, when the report goes to a file).")
    String saveSnapshot;

    @Option(names = "--wide", description = "Table: print each finding's remediation under it and never cut a column.")
    boolean wide;

    @Option(names = "--no-color",
            description = "Table: no colours (also when NO_COLOR is set; files and pipes never get colour).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"},
            description = "No progress bar and no summary line on stderr; errors and warnings still print.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        // The configuration first: its keys are the defaults of the flags not given.
        checkStdin();
        ScanConfig config = loadConfig(configFile);
        ConfigDefaults.apply(config, configSource(configFile), this);
        Optional<Severity> threshold = parseThreshold(failOn);
        GatePolicy gate = gateOptions.policy(threshold);
        // Before collecting: minutes of API calls must not be lost to a typo in a path.
        ReportOutputs outputs = ReportOutputs.plan(formats, output, out);
        Output snapshotCopy = saveSnapshot == null ? null : Output.of(saveSnapshot, "--save-snapshot", out);
        if (snapshotCopy != null) {
            if (snapshotCopy.isStdout() && outputs.usesStdout()) {
                throw new UsageException(
                        "--save-snapshot - and the report cannot both go to stdout; give --output FILE");
            }
            snapshotCopy.checkWritable();
        }
        checkSelection();
        Optional<SuppressionsFile> suppressions = gateOptions.suppressions(config, configFile);
        Baseline baseline = gateOptions.baseline();
        Map<String, HostEvidence> evidence = readEvidence();
        StageTimes times = Verbose.requested(spec) ? StageTimes.start() : StageTimes.OFF;
        Optional<Inputs> inputs = rulesAndSnapshot(times, err);
        if (inputs.isEmpty()) {
            return ExitCode.USAGE_ERROR.code();
        }
        CompiledRules rules = inputs.get().rules();
        Snapshot snapshot = inputs.get().snapshot();
        Shard shard = shardOf(snapshot);
        if (snapshotCopy != null) {
            snapshotCopy.write(w -> SnapshotIO.write(snapshot, w));
        }
        FindingFilter filter = (evidence.isEmpty() ? FindingFilter.NONE : new HostEvidenceFilter(evidence))
                .andThen(GateOptions.filter(suppressions, snapshot, Clock.systemUTC(), err::println));
        ScanPipeline.Outcome scan = new ScanPipeline(rules, config.exposureSettings(), filter, gate, baseline)
                .run(snapshot, started, times);
        if (!shard.whole()) {
            scan = new ScanPipeline.Outcome(scan.result().withShard(shard.toString()), scan.gate());
        }
        ScanResult result = scan.result();
        times.run("report", () -> outputs.write(result, StdoutTerminal.options(gate, wide, noColor)));
        if (!quiet) {
            if (evidenceDir != null) {
                err.println(ScanSummary.evidenceLine(evidence, scan.result()));
            }
            err.println(ScanSummary.line(scan.result(), snapshot, scan.gate(),
                    new ScanSummary.Policy(failOn, gate.newOnly(), suppressions.isPresent(), baseline != null)));
        }
        if (Verbose.requested(spec)) {
            err.println(times.line());
        }
        err.flush();
        return switch (scan.gate()) {
            case FAILED -> ExitCode.GATE_FAILED.code();
            case INCOMPLETE -> ExitCode.INCOMPLETE.code();
            case PASSED -> ExitCode.PASSED.code();
        };
    }

    /** The {@code --fail-on} threshold; {@code merge} reads its own flag the same way. */
    static Optional<Severity> parseThreshold(String failOn) {
        try {
            return GatePolicy.threshold(failOn);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fail-on: " + e.getMessage(), e);
        }
    }

    /** A snapshot scan never calls AWS, so AWS selection options would be silently ignored: refuse them. */
    private void checkSelection() {
        if (snapshotFile == null) {
            aws.validate();
            accounts.validate();
            return;
        }
        List<String> live = new ArrayList<>(
                List.of("--regions", "--endpoint-url", "--profile", "--timeout", "--region"));
        live.addAll(AccountOptions.NAMES);
        for (String option : live) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new UsageException(option
                        + " cannot be combined with --snapshot (a snapshot scan makes no AWS call)");
            }
        }
    }

    private void checkStdin() {
        if (snapshotFile != null && Output.isStdio(snapshotFile) && Output.isStdio(configFile)) {
            throw new UsageException("--snapshot - and --config - cannot both read stdin");
        }
    }

    /** How errors name the configuration file. */
    static String configSource(Path configFile) {
        return configFile == null ? null : Output.isStdio(configFile) ? "stdin" : configFile.toString();
    }

    /** The configuration in {@code configFile}, or the defaults when none is given. */
    static ScanConfig loadConfig(Path configFile) {
        if (configFile == null) {
            return ScanConfig.DEFAULT;
        }
        try {
            return Output.isStdio(configFile) ? ConfigLoader.parse(StandardInput.text("--config"), "stdin")
                    : ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Read before collecting: a malformed evidence file must not cost the minutes a collection takes. */
    private Map<String, HostEvidence> readEvidence() {
        if (evidenceDir == null) {
            return Map.of();
        }
        try {
            return new EvidenceDirectory(evidenceDir).readAll();
        } catch (EvidenceFormatException e) {
            throw new UsageException("--evidence: " + e.getMessage(), e);
        }
    }

    /** The shard the snapshot was collected as, by this run or by {@code collect --shard}: its report says so. */
    private Shard shardOf(Snapshot snapshot) {
        if (snapshot.shard() == null) {
            return Shard.ALL;
        }
        try {
            return Shard.parse(snapshot.shard());
        } catch (IllegalArgumentException e) {
            throw new UsageException((snapshotFile == null ? "the collection" : snapshotFile.toString()) + ": shard: "
                    + e.getMessage(), e);
        }
    }

    private record Inputs(CompiledRules rules, Snapshot snapshot) {
    }

    /**
     * The rules and the snapshot, or empty when the rules did not load (the reason is on stderr). A
     * snapshot file is read while the rules load, since neither needs the other (a pack of one's own
     * compiles for a second or more at its first use); a broken rule is still the error reported, as if
     * the rules had loaded first. Collection starts only after them: minutes of API calls must not be
     * lost to a broken rule; so does a snapshot on stdin, which a broken rule must not leave waiting for.
     */
    private Optional<Inputs> rulesAndSnapshot(StageTimes times, PrintWriter err) throws InterruptedException {
        StageTimes.Work<CompiledRules, RuntimeException> load =
                times.timed("load rules", () -> RulesCommand.compile(ruleDirs, err));
        if (snapshotFile == null || Output.isStdio(snapshotFile)) {
            CompiledRules rules = load.get();
            if (rules == null) {
                return Optional.empty();
            }
            Snapshot snapshot = snapshotFile == null ? collect(err) : times.time("read", this::readSnapshot);
            return Optional.of(new Inputs(rules, snapshot));
        }
        Future<CompiledRules> loading = Parallel.start("rules", load::get);
        try {
            Snapshot snapshot;
            try {
                snapshot = times.time("read", this::readSnapshot);
            } catch (RuntimeException e) {
                if (Parallel.await(loading) == null) {
                    return Optional.empty();
                }
                throw e;
            }
            CompiledRules rules = Parallel.await(loading);
            return rules == null ? Optional.empty() : Optional.of(new Inputs(rules, snapshot));
        } finally {
            // Nothing once the rules have loaded; stops them when the read failed otherwise or this thread was
            // interrupted.
            loading.cancel(true);
        }
    }

    private Snapshot readSnapshot() {
        try {
            return Output.isStdio(snapshotFile) ? SnapshotIO.read(System.in, "stdin") : SnapshotIO.read(snapshotFile);
        } catch (SnapshotFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private Snapshot collect(PrintWriter err) throws InterruptedException {
        CollectionResult result = LiveCollection.run(aws, accounts, !quiet);
        if (!quiet) {
            err.println(CollectCommand.summary(result));
        }
        return result.snapshot();
    }

    /** Completion candidates and help text for --format. */
    static final class Formats extends ArrayList<String> {
        Formats() {
            super(io.imdsguard.report.Renderers.names());
        }
    }
}
