package io.imdsguard.cli;

import io.imdsguard.collect.AccountContext;
import io.imdsguard.collect.CollectionFailedException;
import io.imdsguard.enforce.defaults.RegionDefaultsEnforcer;
import io.imdsguard.enforce.defaults.RegionDefaultsText;
import io.imdsguard.enforce.defaults.RegionOutcome;
import io.imdsguard.enforce.journal.JournalWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code imdsguard enforce region-defaults}: require IMDSv2 in each region's IMDS defaults for new launches. */
@Command(name = "region-defaults", header = "Require IMDSv2 in each region's defaults for new launches (a plan unless --yes).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reads each region's account-level IMDS defaults (GetInstanceMetadataDefaults) and, where HttpTokens is not "
                + "already required, sets HttpTokens=required with ModifyInstanceMetadataDefaults. The hop limit is set "
                + "to 2 (what containers need to reach IMDSv2) only where the region has none; an explicit one is kept. "
                + "Without --yes it changes nothing and proves permission with DryRun calls. With --yes each change is "
                + "journaled before and after it is made and verified by reading the defaults back.",
            "",
            "Defaults apply to new launches only: existing instances are not changed (the count of those that still "
                + "allow IMDSv1 is printed per region; enforce instances fixes them). A region whose defaults an "
                + "Organization's declarative policy manages is reported and left alone.",
            "",
            "Exit codes: 0 every region ends (or would end) requiring IMDSv2, or is managed by a declarative policy; "
                + "2 usage error, unknown region or unwritable journal, before any change; 3 a region failed or is "
                + "not permitted."},
        footer = {"", "Examples:",
            "  imdsguard enforce region-defaults                                 # the plan, every enabled region",
            "  imdsguard enforce region-defaults --regions eu-west-1,us-east-1 --yes",
            "  imdsguard enforce rollback --journal imdsguard-journal.jsonl --yes   # undo"})
public final class EnforceRegionDefaultsCommand implements Callable<Integer> {
    static final String DEFAULT_JOURNAL = "imdsguard-journal.jsonl";

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--journal", paramLabel = "FILE", defaultValue = DEFAULT_JOURNAL,
            description = "The journal each change is appended to (default: ${DEFAULT-VALUE} here).")
    Path journal;

    @Option(names = "--yes", description = "Make the changes. Without it nothing is changed.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // 1. Everything that can be checked offline, before any AWS call.
        aws.validate();
        String problem = JournalWriter.problemWith(journal);
        if (problem != null) {
            throw new UsageException("--journal " + journal + ": " + problem);
        }
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        try (AwsSession session = AwsSession.open(aws)) {
            // 2. Who we are, and which regions: every enabled one unless named (an unknown one is exit 2).
            String account = session.account();
            List<String> regions = regions(session);
            RegionDefaultsEnforcer enforcer = new RegionDefaultsEnforcer(session.clients, clock);
            out.println("Account " + account + ": require IMDSv2 in the IMDS defaults of " + regions.size() + " region"
                    + (regions.size() == 1 ? "" : "s") + (yes ? "" : " (plan)") + ".");

            // 3. The plan, proven with DryRun calls.
            if (!yes) {
                List<RegionOutcome> plan = enforcer.plan(regions);
                RegionDefaultsText.plan(out, plan);
                out.println();
                out.println("Nothing changed. Apply with:");
                out.println("  " + ShellWords.command(spec.commandLine().getParseResult().originalArgs()) + " --yes");
                out.flush();
                return exit(plan);
            }

            // 4. Apply, journaling each change.
            List<RegionOutcome> done;
            int journaled;
            String run = RegionDefaultsEnforcer.runId(clock);
            try (JournalWriter writer = JournalWriter.open(journal)) {
                done = enforcer.apply(regions, account, writer, run);
                journaled = writer.linesWritten();
            } catch (IOException e) {
                throw new UsageException("--journal " + journal + ": cannot write: " + e.getMessage(), e);
            }
            RegionDefaultsText.applied(out, done);
            out.println();
            EnforceUndoHint.print(out, journal, journaled, run);
            out.flush();
            return exit(done);
        }
    }

    private List<String> regions(AwsSession session) {
        try {
            return new AccountContext(session.clients).regions(aws.request());
        } catch (CollectionFailedException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static int exit(List<RegionOutcome> outcomes) {
        boolean ok = outcomes.stream().allMatch(o -> o.status().ok());
        return (ok ? ExitCode.PASSED : ExitCode.INCOMPLETE).code();
    }
}
