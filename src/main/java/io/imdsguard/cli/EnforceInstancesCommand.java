package io.imdsguard.cli;

import io.imdsguard.collect.AccountContext;
import io.imdsguard.collect.CollectProgress;
import io.imdsguard.collect.CollectionFailedException;
import io.imdsguard.enforce.instances.CutShortRecovery;
import io.imdsguard.enforce.instances.Enforcer;
import io.imdsguard.enforce.instances.InstanceDescriber;
import io.imdsguard.enforce.instances.InstanceState;
import io.imdsguard.enforce.instances.MetadataCall;
import io.imdsguard.enforce.instances.Outcome;
import io.imdsguard.enforce.instances.PlanItem;
import io.imdsguard.enforce.instances.Planner;
import io.imdsguard.enforce.instances.ReportEvidence;
import io.imdsguard.enforce.RunNames;
import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalFormatException;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.EvidenceFormatException;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.report.ReportFile;
import io.imdsguard.report.ReportFormatException;
import io.imdsguard.trace.ssm.TargetSources;
import io.imdsguard.trace.ssm.TraceTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code imdsguard enforce instances}: require IMDSv2 on instances, planned and proven first, journaled. */
@Command(name = "instances", header = "Require IMDSv2 on instances (a plan and DryRun calls unless --yes).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sets HttpTokens=required and HttpEndpoint=enabled with ModifyInstanceMetadataOptions, sending every other "
                + "metadata field as it is (hop limit, HttpProtocolIpv6, InstanceMetadataTags). An instance whose "
                + "metadata endpoint is disabled keeps it disabled. An instance that already requires tokens gets no "
                + "call. An instance whose evidence (--evidence, or what a report of scan --evidence carries) shows "
                + "IMDSv1 use (traced callers, or CloudWatch MetadataNoToken calls) is refused unless --force.",
            "",
            "Without --yes: the plan, and a DryRun call per change that proves it is permitted; nothing changes. "
                + "With --yes: each change is journaled before and after it is made (--journal), running instances "
                + "are waited for until their options are applied, a stopped one applies them at its next start. "
                + "Undo with enforce rollback --journal FILE.",
            "",
            "Exit codes: 0 every target ends compliant (or would, in a plan), 2 usage error (nothing changed), "
                + "3 a target is left unchanged (refused, vanished, not permitted, failed, not applied in time, "
                + "not attempted)."},
        footer = {"", "Examples:",
            "  imdsguard enforce instances --tag imdsv2-canary=true --evidence evidence/",
            "  imdsguard enforce instances --tag imdsv2-canary=true --evidence evidence/ --yes --check-after 30m",
            "  imdsguard enforce instances --from-report report.json --rule IMDS-001 --evidence evidence/ --yes",
            "  imdsguard enforce instances --instance-ids i-0abc123def4567890 --regions eu-west-1 --yes"})
public final class EnforceInstancesCommand implements Callable<Integer> {
    static final String DEFAULT_JOURNAL = "imdsguard-journal.jsonl";

    @Option(names = "--instance-ids", paramLabel = "ID[,ID...]", description = "Instances to change, comma-separated "
            + "(repeatable); looked for in --regions, else the home region.")
    List<String> instanceIds = new ArrayList<>();

    @Option(names = "--from-report", paramLabel = "FILE", description = "A scan's JSON report: change the instances of "
            + "its findings (in the report's regions unless --regions).")
    Path fromReport;

    @Option(names = "--rule", paramLabel = "ID", description = "With --from-report: the rules whose findings to act on "
            + "(repeatable; default IMDS-001, IMDS-002 and IMDS-003).")
    List<String> rules = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Instances carrying this tag (repeatable: all must "
            + "match); in --regions, else the home region.")
    List<String> tags = new ArrayList<>();

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--evidence", paramLabel = "DIR", description = "The evidence directory (usage --output, trace "
            + "collect): refuse instances that still call IMDSv1.")
    Path evidence;

    @Option(names = "--force", description = "Change instances even when their evidence shows IMDSv1 use.")
    boolean force;

    @Option(names = "--yes", description = "Make the changes. Without it nothing changes.")
    boolean yes;

    @Option(names = "--journal", paramLabel = "FILE", defaultValue = DEFAULT_JOURNAL,
            description = "The journal to append each change to (default: ${DEFAULT-VALUE}).")
    Path journal;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "10",
            description = "After N failed changes no new change starts (default: ${DEFAULT-VALUE}).")
    int maxErrors;

    @Mixin
    EnforcePacing pacing = new EnforcePacing();

    @Option(names = "--check-after", paramLabel = "DURATION", description = "With --yes: wait this long, then read "
            + "CloudWatch MetadataNoTokenRejected for the changed instances (what broke).")
    String checkAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // 1. Everything that can be checked offline, before any AWS call.
        Duration wait = pacing.waitTimeout();
        int concurrency = pacing.concurrency();
        Duration check = checkAfter == null ? null
                : TraceDurations.parse("--check-after", checkAfter, Duration.ofSeconds(1), Duration.ofHours(24));
        if (check != null && !yes) {
            throw new UsageException("--check-after reads what broke after a change; it needs --yes");
        }
        if (maxErrors < 1) {
            throw new UsageException("--max-errors must be at least 1, got " + maxErrors);
        }
        EnforceSources sources = EnforceSources.of(instanceIds, fromReport, rules, tags);
        ReportFile report = fromReport == null ? null : readReport();
        Map<String, HostEvidence> byInstance = evidence(report);
        String problem = JournalWriter.problemWith(journal);
        if (problem != null) {
            throw new UsageException("--journal " + journal + ": " + problem);
        }
        JournalFile journalFile = readJournal();
        aws.validate();

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        journalFile.warnings().forEach(w -> err.println("imdsguard: warning: " + w));
        Clock clock = Clock.systemUTC();
        try (JournalWriter writer = yes ? JournalWriter.open(journal).claim() : null;
             AwsSession session = AwsSession.open(aws)) {
            // 2. Who we are; changes a stopped run left open in the journal are settled first (--yes only). Read
            // again now that this run holds the journal: a change another run was making is closed by then.
            String account = session.account();
            InstanceDescriber describer = new InstanceDescriber(session.clients, account);
            List<JournalChange> open = CutShortRecovery.open(writer == null ? journalFile : readJournal(), account);
            if (!open.isEmpty() && writer == null) {
                out.println(open.size() + " change" + (open.size() == 1 ? " was" : "s were") + " cut short in " + journal
                        + " (a run stopped mid-change); --yes asks AWS how they ended and records it first.");
            } else if (!open.isEmpty()) {
                List<JournalLine> closed = session.call("EC2 DescribeInstances", () -> recover(describer, clock, open,
                        writer));
                out.println("Recovered " + closed.size() + " change" + (closed.size() == 1 ? "" : "s") + " cut short in "
                        + journal + ": " + recoveredWords(closed));
            }

            // 3. The targets: one paginated DescribeInstances per region, then a decision for each.
            List<String> regions = regions(session, report);
            Planner planner = new Planner(byInstance, force);
            List<PlanItem> plan = session.call("EC2 DescribeInstances",
                    () -> plan(sources, report, regions, account, describer, planner));

            // 4. The plan.
            out.println("Enforce IMDSv2 in account " + account + ", " + regionsText(regions) + ": "
                    + plan.stream().filter(PlanItem::isChange).count() + " to change of " + plan.size() + " target"
                    + (plan.size() == 1 ? "" : "s"));
            Enforcer enforcer = new Enforcer(new MetadataCall(session.clients), describer, concurrency, maxErrors, wait,
                    clock);
            if (!yes) {
                // 5. Without --yes: prove permission with DryRun calls, change nothing.
                List<PlanItem> proven = enforcer.dryRun(plan);
                EnforceTable.instances(out, proven);
                reminder(out, proven);
                out.println(EnforceTable.summary(proven));
                if (proven.stream().noneMatch(i -> i.outcome() == Outcome.PERMITTED)) {
                    // --yes would change nothing: saying "apply with --yes" would send the reader in a circle.
                    out.println("Nothing changed, and --yes would change nothing" + whyNothingToApply(proven) + ".");
                    return exit(proven);
                }
                out.println("Nothing changed. Apply with:");
                out.println("  " + ShellWords.command(spec.commandLine().getParseResult().originalArgs()) + " --yes");
                return exit(proven);
            }
            EnforceTable.instances(out, plan);
            reminder(out, plan);
            out.flush();

            // 6. --yes: each change journaled before and after, then waited for until applied.
            // Lines the recovery of cut-short changes wrote are not this run's: they must not offer to undo it.
            int recovered = writer.linesWritten();
            String run = RunNames.next("enforce", clock);
            List<PlanItem> done = apply(enforcer, plan, writer, run);

            // 7. The results, and the way back (only for a run that changed something: an earlier run's
            // journal offered after a run that changed nothing would read as undoing this run, and undo those).
            out.println();
            out.println("Results:");
            EnforceTable.instances(out, done);
            out.println(EnforceTable.summary(done));
            EnforceUndoHint.print(out, journal, writer.linesWritten() - recovered, run);

            // 8. What broke: MetadataNoTokenRejected for the changed instances.
            new RejectedCheck(session.clients, clock, out, err).afterChange(done, check,
                    EnforceUndoHint.rollbackCommand(journal));
            out.flush();
            return exit(done);
        } catch (IOException e) {
            throw new UsageException("--journal " + journal + ": cannot write: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UsageException("--journal " + journal + ": cannot write: " + e.getCause().getMessage(), e);
        }
    }

    private List<PlanItem> plan(EnforceSources sources, ReportFile report, List<String> regions, String account,
                                InstanceDescriber describer, Planner planner) {
        if (!sources.tags().isEmpty()) {
            List<PlanItem> items = new ArrayList<>();
            for (String region : regions) {
                describer.byTags(region, sources.tags()).stream().map(planner::decide).forEach(items::add);
            }
            return items;
        }
        List<PlanItem> skipped = new ArrayList<>();
        List<Planner.Wanted> wanted = new ArrayList<>();
        if (report != null) {
            Map<String, String> accountOf = new LinkedHashMap<>();
            report.findings().forEach(f -> accountOf.putIfAbsent(f.region() + "/" + f.resourceId(), f.account()));
            TargetSources.fromReport(report, rules, aws.request().regions().isEmpty() ? List.of() : regions)
                    .forEach((region, targets) -> {
                        for (TraceTarget t : targets) {
                            String owner = accountOf.get(region + "/" + t.instanceId());
                            if (owner != null && !owner.equals(account)) {
                                skipped.add(new PlanItem(owner, region, t.instanceId(), t.name(), null, null, null,
                                        Outcome.SKIPPED, "the report's finding is for account " + owner
                                        + "; these credentials are for " + account, false));
                            } else {
                                wanted.add(new Planner.Wanted(t.instanceId(), t.name(), List.of(region)));
                            }
                        }
                    });
        } else {
            sources.ids().forEach(id -> wanted.add(new Planner.Wanted(id, null, regions)));
        }
        Map<String, Set<String>> idsByRegion = new LinkedHashMap<>();
        wanted.forEach(w -> w.regions().forEach(r -> idsByRegion.computeIfAbsent(r, k -> new LinkedHashSet<>())
                .add(w.instanceId())));
        Map<String, Map<String, InstanceState>> found = new LinkedHashMap<>();
        idsByRegion.forEach((region, ids) -> found.put(region, describer.byIds(region, ids)));
        List<PlanItem> items = new ArrayList<>(planner.plan(account, wanted, found));
        items.addAll(skipped);
        return items;
    }

    /** --regions when given (checked against the enabled ones); else the report's, else the home region. */
    private List<String> regions(AwsSession session, ReportFile report) {
        if (!aws.request().regions().isEmpty()) {
            try {
                return new AccountContext(session.clients).regions(aws.request());
            } catch (CollectionFailedException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        if (report != null) {
            return List.copyOf(TargetSources.fromReport(report, rules, List.of()).keySet());
        }
        return List.of(session.homeRegion());
    }

    private List<PlanItem> apply(Enforcer enforcer, List<PlanItem> plan, JournalWriter writer, String run)
            throws InterruptedException {
        if (!TerminalProgress.interactive()) {
            return enforcer.apply(plan, writer, run, CollectProgress.NONE);
        }
        try (TerminalProgress progress = new TerminalProgress("enforce")) {
            return enforcer.apply(plan, writer, run, progress);
        }
    }

    private static List<JournalLine> recover(InstanceDescriber describer, Clock clock, List<JournalChange> open,
                                             JournalWriter writer) {
        try {
            return new CutShortRecovery(describer, clock).recover(open, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String whyNothingToApply(List<PlanItem> proven) {
        List<String> why = new ArrayList<>();
        if (proven.stream().anyMatch(i -> i.outcome() == Outcome.REFUSED)) {
            why.add("refused instances change only with --force, once their IMDSv1 callers are dealt with");
        }
        if (proven.stream().anyMatch(i -> i.outcome() == Outcome.NOT_PERMITTED)) {
            why.add("these credentials may not make the change (config/iam/enforce-policy.json lists what enforce needs)");
        }
        return why.isEmpty() ? "" : ": " + String.join("; ", why);
    }

    private static String recoveredWords(List<JournalLine> closed) {
        Map<JournalLine.Result, Integer> counts = new LinkedHashMap<>();
        closed.forEach(l -> counts.merge(l.result(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((r, n) -> parts.add(n + " " + switch (r) {
            case CHANGED -> "had taken effect";
            case VANISHED -> "instance gone";
            default -> "had not taken effect";
        }));
        return String.join(", ", parts) + ".";
    }

    private void reminder(PrintWriter out, List<PlanItem> items) {
        long n = items.stream().filter(PlanItem::noEvidence).count();
        if (n == 0) {
            return;
        }
        String instances = n + " instance" + (n == 1 ? "" : "s");
        if (evidence == null) {
            out.println(EnforceTable.NO_EVIDENCE + " no evidence of IMDSv1 use for " + instances + ": see who still calls "
                    + "it with 'imdsguard usage --output DIR' and 'imdsguard trace start', then pass --evidence DIR.");
        } else {
            // --evidence was given: telling the user to pass it would send them in a circle.
            out.println(EnforceTable.NO_EVIDENCE + " no evidence of IMDSv1 use for " + instances + " in " + evidence
                    + " (no trace, no CloudWatch data): run 'imdsguard usage --output DIR' or 'imdsguard trace start' "
                    + "on " + (n == 1 ? "it" : "them") + " first.");
        }
    }

    /** The regions by name when they fit a line; 'all' lists two dozen, which the table's REGION column shows anyway. */
    static String regionsText(List<String> regions) {
        return regions.size() <= 4 ? String.join(", ", regions) : regions.size() + " regions";
    }

    private static int exit(List<PlanItem> items) {
        return (items.stream().allMatch(i -> i.outcome().ok()) ? ExitCode.PASSED : ExitCode.INCOMPLETE).code();
    }

    private ReportFile readReport() {
        try {
            return ReportFile.read(fromReport);
        } catch (ReportFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The evidence directory's and the report's together; null when neither has any to offer. */
    private Map<String, HostEvidence> evidence(ReportFile report) {
        Map<String, HostEvidence> fromReport = report == null ? Map.of() : ReportEvidence.of(report);
        if (evidence == null) {
            return fromReport.isEmpty() ? null : fromReport;
        }
        return ReportEvidence.under(fromReport, readEvidence());
    }

    private Map<String, HostEvidence> readEvidence() {
        try {
            return new EvidenceDirectory(evidence).readAll();
        } catch (EvidenceFormatException e) {
            throw new UsageException("--evidence " + e.getMessage(), e);
        }
    }

    private JournalFile readJournal() {
        try {
            return JournalFile.read(journal, true);
        } catch (JournalFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
