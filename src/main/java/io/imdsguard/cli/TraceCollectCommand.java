package io.imdsguard.cli;

import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.EvidenceFormatException;
import io.imdsguard.trace.ssm.CommandSettings;
import io.imdsguard.trace.ssm.HostResult;
import io.imdsguard.trace.ssm.RunFile;
import io.imdsguard.trace.ssm.TraceCollection;
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
import java.util.List;
import java.util.concurrent.Callable;

/** {@code imdsguard trace collect}: reads the analyzer's log back from a run's hosts into evidence files. */
@Command(name = "collect", header = "Read the analyzer's log from a run's hosts into evidence files.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sends the collect script (imdsguard trace script collect, read-only on the host) to every host where "
                + "the run's start succeeded, waits for it, and writes DIR/<instance-id>.json for each host it "
                + "read, the evidence scan --evidence uses. Can be run while the analyzer "
                + "still traces (what it logged so far) and again later. Hosts that failed, timed out or were "
                + "skipped are reported, not fatal.",
            "",
            "Exit codes: 0 every target gave evidence, 3 some gave none, 2 usage error (unreadable run file)."},
        footer = {"", "Examples:",
            "  imdsguard trace collect --run run.json --output evidence/",
            "  imdsguard scan --snapshot snapshot.json --evidence evidence/"})
public final class TraceCollectCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "FILE", description = "The run file trace start wrote.")
    Path runFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "The evidence directory (created if needed; other instances' files are kept).")
    Path output;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for the collect script on the hosts (default ${DEFAULT-VALUE}).")
    String waitFor;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Duration wait = TraceDurations.parse("--wait", waitFor, Duration.ZERO, Duration.ofHours(2));
        RunFile run = RunFileOption.read(runFile);
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException("--output " + output + ": is not a directory");
        }
        rejectRegions(aws);
        aws.validate();
        PrintWriter out = spec.commandLine().getOut();
        try (AwsSession session = AwsSession.open(aws)) {
            checkAccount(session, run, runFile);
            TraceCollection collection = new TraceCollection(session.clients::ssm, session.clients::s3,
                    new EvidenceDirectory(output), Clock.systemUTC(), pause -> Thread.sleep(pause.toMillis()));
            RunFile[] current = {run};
            List<HostResult> results = collection.collect(run, CommandSettings.of(run.maxConcurrency(), run.maxErrors()),
                    wait, sent -> {
                        current[0] = current[0].with(sent);
                        RunFileOption.write(current[0], runFile);
                    });
            long withEvidence = results.stream().filter(HostResult::evidence).count();
            out.println("Trace run " + run.runId() + ": evidence from " + withEvidence + " of " + results.size()
                    + " host" + (results.size() == 1 ? "" : "s") + " in " + output);
            for (HostResult r : results) {
                out.println("  " + r.instanceId() + " (" + r.region() + "): " + r.outcome().words() + ": " + r.message());
            }
            out.flush();
            return (withEvidence == results.size() ? ExitCode.PASSED : ExitCode.INCOMPLETE).code();
        } catch (EvidenceFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The run's commands can only be read, and its hosts reached, in the account that sent them. */
    static void checkAccount(AwsSession session, RunFile run, Path runFile) {
        String account = session.account();
        if (!account.equals(run.account())) {
            throw new UsageException(runFile + ": run " + run.runId() + " was sent in account " + run.account()
                    + ", but these credentials are for account " + account);
        }
    }

    /** The run file names each host's region; --regions would only contradict it. */
    static void rejectRegions(AwsOptions aws) {
        if (!aws.regions.isEmpty()) {
            throw new UsageException("--regions has no use here: the run file names each host's region");
        }
    }
}
