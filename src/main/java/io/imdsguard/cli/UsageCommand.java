package io.imdsguard.cli;

import io.imdsguard.Version;
import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsProfileException;
import io.imdsguard.collect.CollectProgress;
import io.imdsguard.collect.CollectRequest;
import io.imdsguard.collect.CollectionFailedException;
import io.imdsguard.collect.Shard;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.EvidenceFormatException;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.report.RenderOptions;
import io.imdsguard.usage.UsageEvidence;
import io.imdsguard.usage.UsageJson;
import io.imdsguard.usage.UsageReader;
import io.imdsguard.usage.UsageRequest;
import io.imdsguard.usage.UsageResult;
import io.imdsguard.usage.UsageTable;
import io.imdsguard.usage.UsageWindow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code imdsguard usage}: who still calls IMDSv1, per instance, from CloudWatch, without touching the hosts. */
@Command(name = "usage", header = "Count each instance's IMDSv1 calls from CloudWatch (agentless, read-only).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reads CloudWatch's AWS/EC2 metric MetadataNoToken for every instance of the selected regions: the number "
                + "of instance metadata (IMDS) calls the instance made without a session token, i.e. IMDSv1 calls, "
                + "summed over the last --days. MetadataNoTokenRejected is read too: calls refused because IMDSv1 "
                + "is turned off (HttpTokens=required), which after enforcement shows what broke.",
            "",
            "Instances that are pending, running, stopping or stopped are listed (shutting-down and terminated ones "
                + "are not). Zero calls is evidence, not proof: a monthly cron job, or a process that runs only on "
                + "failover, can fall outside the window. '-' means CloudWatch has no data point at all (e.g. the "
                + "instance was stopped for the whole window), which is not the same as 0.",
            "",
            "One DescribeInstances listing per region, then GetMetricData with 500 queries a call (two per "
                + "instance): a fleet of 1,000 instances costs four calls per region. Read-only. With --accounts "
                + "or --org the other accounts are read through --assume-role, as collect reads them; a member "
                + "account whose role cannot be assumed is a gap. With --output the "
                + "counts go into the evidence directory that trace fills and scan --evidence "
                + "reads (one DIR/<instance-id>.json per instance; a trace part already there is kept).",
            "",
            "Exit codes: 0 complete, 3 incomplete (a call failed in some region, e.g. AccessDenied: the gaps are "
                + "printed and the rest is reported), 2 usage error or AWS unreachable, 4 internal error (a bug)."},
        footer = {"", "Examples:",
            "  imdsguard usage",
            "  imdsguard usage --regions us-east-1,eu-west-1 --days 30",
            "  imdsguard usage --instance-ids i-0abc123def4567890 --format json",
            "  imdsguard usage --org --assume-role ImdsguardScan --regions all --format json",
            "  imdsguard usage --regions all --output evidence/ && imdsguard scan --evidence evidence/",
            "  imdsguard usage --format json | jq '.instances[] | select(.calls > 0) | .instanceId'"})
public final class UsageCommand implements Callable<Integer> {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    AccountOptions accounts = new AccountOptions();

    @Option(names = "--days", paramLabel = "N", defaultValue = "" + UsageWindow.DEFAULT_DAYS,
            description = "How many days back to count, 1.." + UsageWindow.MAX_DAYS
                    + " (CloudWatch keeps 455 days; default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--instance-ids", paramLabel = "ID[,ID...]",
            description = "Only these instances (comma-separated, repeatable); ids no selected region has are named.")
    List<String> instanceIds = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}); json is schemaVersion 1, see docs/usage.md.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Also write each instance's counts into this evidence directory (created if new).")
    Path output;

    @Option(names = "--no-color", description = "No colour in the table (NO_COLOR also works).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar on stderr; gaps and errors still print.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /**
     * Takes --shard off the account options: a usage report has no merge to join shards again, and an
     * Organization's counts are a few calls per region, which one run reads.
     */
    static void withoutShard(CommandLine usage) {
        CommandSpec spec = usage.getCommandSpec();
        spec.remove(spec.findOption(AccountOptions.SHARD));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        // 1. Everything the user can get wrong, before any AWS call.
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        if (!fmt.equals("table") && !fmt.equals("json")) {
            throw new UsageException("--format must be table or json, got '" + format + "'");
        }
        if (days < 1 || days > UsageWindow.MAX_DAYS) {
            throw new UsageException("--days must be between 1 and " + UsageWindow.MAX_DAYS
                    + " (CloudWatch keeps data points for 455 days), got " + days);
        }
        List<String> ids = instanceIds();
        EvidenceDirectory evidence = output == null ? null : evidenceDirectory(output);
        aws.validate();
        accounts.validate();

        // 2. Read.
        CollectRequest selection = new CollectRequest(aws.request().regions(), accounts.selection(), Shard.ALL);
        UsageResult result = read(new UsageRequest(selection, days, ids));

        // 3. Report: gaps and unknown ids on stderr, the table or JSON on stdout, evidence files.
        PrintWriter err = spec.commandLine().getErr();
        result.gaps().forEach(g -> err.println("imdsguard: gap: " + describe(g)));
        if (!result.notFound().isEmpty()) {
            err.println("imdsguard: not found in " + String.join(", ", result.regions()) + ": "
                    + String.join(", ", result.notFound()));
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (fmt.equals("json")) {
            UsageJson.write(result, Version.get(), out);
        } else {
            RenderOptions terminal = StdoutTerminal.options(Optional.empty(), false, noColor);
            UsageTable.write(result, terminal.color(), terminal.columns(), out);
        }
        Output.checkStdout(out);
        if (evidence != null) {
            try {
                int written = UsageEvidence.write(result, evidence);
                if (!quiet) {
                    err.println("imdsguard: wrote " + written + " evidence file" + (written == 1 ? "" : "s")
                            + " to " + evidence.path());
                }
            } catch (EvidenceFormatException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        err.flush();
        return (result.complete() ? ExitCode.PASSED : ExitCode.INCOMPLETE).code();
    }

    private UsageResult read(UsageRequest request) throws InterruptedException {
        try (AwsClients clients = new AwsClients(aws.settings(), new ApiCallCounter())) {
            UsageReader reader = new UsageReader(clients, Clock.systemUTC(), accounts.threads());
            if (quiet || !TerminalProgress.interactive()) {
                return reader.read(request, CollectProgress.NONE);
            }
            try (TerminalProgress progress = new TerminalProgress("usage")) {
                return reader.read(request, progress);
            }
        } catch (CollectionFailedException | AwsProfileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private List<String> instanceIds() {
        List<String> ids = CommaList.items("--instance-ids", "instance id", "name instances as i-0abc..., comma-separated",
                instanceIds).stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        for (String id : ids) {
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw new UsageException("--instance-ids: '" + id + "' is not an instance id (i- and 8 or 17 hex digits)");
            }
        }
        return ids;
    }

    /** Created now: minutes of API calls must not be lost to a path that cannot be a directory. */
    private static EvidenceDirectory evidenceDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--output " + dir + ": not a directory (usage writes one file per instance into it)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot create the evidence directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException("cannot write to the evidence directory " + dir + ": permission denied");
        }
        return new EvidenceDirectory(dir);
    }

    private static String describe(CollectionGap g) {
        return g.account() + " " + g.region() + " " + g.service() + ":" + g.operation() + " " + g.error();
    }
}
