package io.imdsguard.cli;

import io.imdsguard.enforce.RestoreOutcome;
import io.imdsguard.enforce.Restorer;
import io.imdsguard.enforce.defaults.RegionDefaultsRestorer;
import io.imdsguard.enforce.instances.InstanceRestorer;
import io.imdsguard.enforce.RunNames;
import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalFormatException;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;
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

/** {@code imdsguard enforce rollback}: puts back what the journal says was there before, itself journaled. */
@Command(name = "rollback", header = "Undo journaled enforcement: restore each before-state (a dry run unless --yes).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reads the journal that enforce instances and enforce region-defaults append to, and restores each target "
                + "to the state its earliest change still to undo replaced, sending every field as recorded. A change "
                + "cut short (a run stopped between its two lines) is undone too: AWS may have taken it. A target "
                + "already in that state gets no call. Without --yes: DryRun calls prove permission and nothing "
                + "changes; with --yes each restore is journaled in the same file, so a second rollback has nothing "
                + "left to do.",
            "",
            "Exit codes: 0 every target restored (or would be), 2 usage error or a malformed journal, "
                + "3 a target could not be restored."},
        footer = {"", "Examples:",
            "  imdsguard enforce rollback --journal imdsguard-journal.jsonl",
            "  imdsguard enforce rollback --journal imdsguard-journal.jsonl --yes",
            "  imdsguard enforce rollback --journal imdsguard-journal.jsonl --run enforce-20261201-140003-3f2a --yes"})
public final class EnforceRollbackCommand implements Callable<Integer> {

    @Option(names = "--journal", required = true, paramLabel = "FILE", description = "The journal to undo.")
    Path journal;

    @Option(names = "--run", paramLabel = "RUN[,RUN...]", description = "Undo only these enforcement runs of the journal "
            + "(comma-separated, repeatable; the run ids enforce printed; default: every run).")
    List<String> runs = new ArrayList<>();

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--yes", description = "Restore. Without it nothing changes.")
    boolean yes;

    @Mixin
    EnforcePacing pacing = new EnforcePacing();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // 1. The journal and the options, before any AWS call.
        if (!aws.regions.isEmpty()) {
            throw new UsageException("--regions has no use here: the journal names each target's region");
        }
        Duration wait = pacing.waitTimeout();
        int concurrency = pacing.concurrency();
        JournalFile file = read();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        file.warnings().forEach(w -> err.println("imdsguard: warning: " + w));
        err.flush();
        Set<String> only = onlyRuns(file);
        List<JournalChange> toUndo = of(file.toUndo(), only);
        if (toUndo.isEmpty()) {
            out.println("Nothing to roll back in " + journal + (only.isEmpty() ? "" : " for run " + String.join(", ", only))
                    + ".");
            out.flush();
            return ExitCode.PASSED.code();
        }
        if (yes) {
            String problem = JournalWriter.problemWith(journal);
            if (problem != null) {
                throw new UsageException("--journal " + journal + ": " + problem);
            }
        }
        aws.validate();

        Clock clock = Clock.systemUTC();
        try (JournalWriter writer = yes ? JournalWriter.open(journal).claim() : null;
             AwsSession session = AwsSession.open(aws)) {
            // 2. Who we are: changes journaled for another account are refused, not attempted.
            String account = session.account();
            if (writer != null) {
                // Read again now that this run holds the journal: no other run is in the middle of a change.
                toUndo = of(read().toUndo(), only);
            }

            // 3. Each kind of change to its restorer.
            Map<String, List<JournalChange>> byAction = new LinkedHashMap<>();
            toUndo.forEach(c -> byAction.computeIfAbsent(c.before().action(), a -> new ArrayList<>()).add(c));
            String run = RunNames.next("rollback", clock);
            List<RestoreOutcome> outcomes = new ArrayList<>();
            for (Map.Entry<String, List<JournalChange>> e : byAction.entrySet()) {
                Restorer restorer = restorer(e.getKey(), session, clock, wait, concurrency);
                outcomes.addAll(session.call("the rollback's AWS calls",
                        () -> restore(restorer, e.getValue(), account, writer, run)));
            }

            // 4. What was done, or would be.
            out.println((yes ? "Rolled back " : "Roll back ") + toUndo.size() + " change" + (toUndo.size() == 1 ? "" : "s")
                    + " of " + journal + " in account " + account + ":");
            EnforceTable.restores(out, outcomes);
            out.println(EnforceTable.restoreSummary(outcomes));
            if (!yes) {
                out.println("Nothing changed. Apply with:");
                out.println("  " + ShellWords.command(spec.commandLine().getParseResult().originalArgs()) + " --yes");
            } else {
                out.println("Journal: " + journal);
            }
            out.flush();
            return (outcomes.stream().allMatch(o -> o.status().ok()) ? ExitCode.PASSED : ExitCode.INCOMPLETE).code();
        } catch (IOException e) {
            throw new UsageException("--journal " + journal + ": cannot write: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The runs --run names, each checked against the journal: a mistyped id must not mean "nothing to undo". */
    private Set<String> onlyRuns(JournalFile file) {
        Set<String> only = new LinkedHashSet<>(CommaList.items("--run", "run id", "name runs, comma-separated", runs));
        List<String> known = file.runs();
        for (String run : only) {
            if (!known.contains(run)) {
                throw new UsageException("--run " + run + ": no such enforcement run in " + journal + " (it holds "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
        return only;
    }

    private static List<JournalChange> of(List<JournalChange> changes, Set<String> runs) {
        return runs.isEmpty() ? changes : changes.stream().filter(c -> runs.contains(c.before().run())).toList();
    }

    private JournalFile read() {
        try {
            return JournalFile.read(journal, false);
        } catch (JournalFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private List<RestoreOutcome> restore(Restorer restorer, List<JournalChange> changes, String account,
                                         JournalWriter writer, String run) {
        try {
            return restorer.restore(changes, account, yes, writer, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Restorer restorer(String action, AwsSession session, Clock clock, Duration wait, int concurrency) {
        if (JournalLine.INSTANCE.equals(action)) {
            return new InstanceRestorer(session.clients, clock, wait, concurrency);
        }
        return new RegionDefaultsRestorer(session.clients, clock);
    }
}
