package io.imdsguard.cli;

import io.imdsguard.collect.CollectionResult;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code imdsguard collect}: reads the account into a snapshot file that {@code scan --snapshot} evaluates offline. */
@Command(name = "collect", header = "Read a fleet into a snapshot file (read-only).", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reads EC2 instances, their network, load balancers, WAF web ACLs, IAM roles and policies and S3 "
                + "buckets into a snapshot JSON file. Read-only: only Describe/Get/List calls are made. "
                + "A call that fails (e.g. AccessDenied) is recorded as a gap in the snapshot and the rest goes on.",
            "",
            "Exit codes: 0 complete, 3 collected with gaps, 2 usage error or AWS unreachable."},
        footer = {"", "Examples:",
            "  imdsguard collect --output snapshot.json",
            "  imdsguard collect --regions us-east-1,eu-west-1 --profile audit --output snapshot.json",
            "  imdsguard collect --regions all --endpoint-url http://localhost:4566 -o snapshot.json",
            "  imdsguard collect -o - | gzip > snapshot.json.gz",
            "  imdsguard collect --org --assume-role OrganizationAccountAccessRole --regions all -o org.json",
            "  imdsguard collect --accounts 111111111111,222222222222 --assume-role ImdsguardScan -o two.json",
            "  imdsguard collect --org --assume-role ImdsguardScan --shard 1/4 -o shard-1.json"})
public final class CollectCommand implements Callable<Integer> {
    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    AccountOptions accounts = new AccountOptions();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration YAML whose regions, accounts, org, role, externalId and concurrency keys are "
                    + "the defaults of the flags not given; '-' reads stdin.")
    Path configFile;

    // A String, not a Path: Path drops the trailing '/' that would make "dir/" a file named dir.
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write the snapshot JSON ('-' is stdout). A file is replaced atomically; "
                    + "a symlink, device or FIFO is written through.")
    String output;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary line on stderr; errors still print.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Output file = Output.of(output, "--output", spec.commandLine().getOut());
        // Before collecting: minutes of API calls must not be lost to a typo in the path.
        file.checkWritable();
        ConfigDefaults.selection(ScanCommand.loadConfig(configFile), spec, aws, accounts);
        aws.validate();
        accounts.validate();
        CollectionResult result = LiveCollection.run(aws, accounts, !quiet);
        Snapshot snapshot = result.snapshot();
        file.write(out -> SnapshotIO.write(snapshot, out));
        PrintWriter err = spec.commandLine().getErr();
        if (Verbose.requested(spec)) {
            snapshot.gaps().forEach(g -> err.println("gap: " + describe(g)));
        }
        if (!quiet) {
            err.println(summary(result));
        }
        err.flush();
        return (result.complete() ? ExitCode.PASSED : ExitCode.INCOMPLETE).code();
    }

    static String summary(CollectionResult result) {
        Snapshot s = result.snapshot();
        int gaps = s.gaps().size();
        String accounts = s.accounts().size() > 1 ? s.accounts().size() + " accounts, " : "";
        return String.format(Locale.ROOT, "imdsguard: collected %s%d region%s, %d resources (%d instances), "
                        + "%d API calls,"
                        + " %d gap%s in %.1fs", accounts, s.regions().size(), s.regions().size() == 1 ? "" : "s",
                s.resourceCount(), s.instanceCount(), result.apiCallCount(), gaps, gaps == 1 ? "" : "s",
                result.elapsed().toMillis() / 1000.0);
    }

    private static String describe(CollectionGap g) {
        return g.account() + " " + g.region() + " " + g.service() + ":" + g.operation() + " " + g.error();
    }
}
