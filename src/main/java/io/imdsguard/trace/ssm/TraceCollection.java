package io.imdsguard.trace.ssm;

import io.imdsguard.collect.ErrorText;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.EvidenceFormatException;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.trace.log.CollectFormatException;
import io.imdsguard.trace.log.CollectOutput;
import io.imdsguard.trace.log.CollectedTrace;
import io.imdsguard.trace.ssm.HostResult.Outcome;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code trace collect}: 1. reads how each host's start went, 2. sends the collect script to the hosts
 * where it succeeded, 3. waits for it with back-off, 4. reads each host's output (S3 when the run has
 * an output bucket, else the 24,000 characters SSM keeps), decodes it and writes the host's evidence
 * file. Every host ends with a {@link HostResult}; no host's failure stops the others.
 */
public final class TraceCollection {
    /** First pause between polls; doubled each time up to {@link #MAX_PAUSE}. */
    static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    /** Waits between polls; a test passes one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final Function<String, SsmClient> ssm;
    private final Supplier<S3Client> s3;
    private final EvidenceDirectory evidence;
    private final Clock clock;
    private final Sleeper sleeper;

    public TraceCollection(Function<String, SsmClient> ssm, Supplier<S3Client> s3, EvidenceDirectory evidence, Clock clock,
                           Sleeper sleeper) {
        this.ssm = ssm;
        this.s3 = s3;
        this.evidence = evidence;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param onSent called with each collect command SSM accepted, to record it in the run file
     * @return one result per target and skip of the run, targets first
     */
    public List<HostResult> collect(RunFile run, CommandSettings settings, Duration wait, Consumer<SentCommand> onSent)
            throws InterruptedException, EvidenceFormatException {
        Map<String, HostResult> results = new LinkedHashMap<>();
        // 1. How start went, host by host.
        List<TraceTarget> ready = new ArrayList<>();
        Map<String, Invocations.Invocation> starts = new LinkedHashMap<>();
        for (SentCommand start : run.commands(Phase.START)) {
            try {
                starts.putAll(Invocations.list(ssm.apply(start.region()), start.commandId(), true));
            } catch (SdkException e) {
                for (String id : start.instanceIds()) {
                    results.put(id, result(run, id, Outcome.START_FAILED, "cannot read the start command "
                            + start.commandId() + ": " + ErrorText.of(e), false));
                }
            }
        }
        for (TraceTarget target : run.targets()) {
            String id = target.instanceId();
            if (results.containsKey(id)) {
                continue;
            }
            Invocations.Invocation start = run.latest(Phase.START, id).map(c -> starts.get(id)).orElse(null);
            if (run.latest(Phase.START, id).isEmpty()) {
                results.put(id, new HostResult(id, target.region(), Outcome.NOT_STARTED,
                        "the start script was never sent to it (see trace start's errors)", false));
            } else if (start == null) {
                results.put(id, new HostResult(id, target.region(), Outcome.START_FAILED,
                        "SSM has no invocation of the start command for it (SSM keeps command history 30 days)", false));
            } else if (start.succeeded()) {
                ready.add(target);
            } else if (!start.finished()) {
                results.put(id, new HostResult(id, target.region(), Outcome.START_RUNNING, "start still "
                        + start.status() + " (installing the analyzer); collect again in a few minutes", false));
            } else {
                results.put(id, new HostResult(id, target.region(), Outcome.START_FAILED, start.describe(), false));
            }
        }

        // 2. Send the collect script where the analyzer started.
        Dispatch dispatch = new Dispatch(Phase.COLLECT, run, settings, Batch.of(ready));
        Map<String, SentCommand> collectOf = new LinkedHashMap<>();
        for (Batch batch : dispatch.batches()) {
            try {
                SentCommand sent = dispatch.send(ssm.apply(batch.region()), batch, clock);
                onSent.accept(sent);
                sent.instanceIds().forEach(id -> collectOf.put(id, sent));
            } catch (SdkException e) {
                for (String id : batch.instanceIds()) {
                    results.put(id, new HostResult(id, batch.region(), Outcome.COLLECT_FAILED,
                            "SSM SendCommand failed: " + ErrorText.of(e), false));
                }
            }
        }

        // 3. Wait until every host finished collecting, or the wait is over.
        Map<String, Invocations.Invocation> finished = poll(collectOf, wait, results);

        // 4. Read, decode and write each host's evidence.
        for (TraceTarget target : ready) {
            String id = target.instanceId();
            if (results.containsKey(id) || !collectOf.containsKey(id)) {
                continue;
            }
            Invocations.Invocation inv = finished.get(id);
            SentCommand command = collectOf.get(id);
            if (inv == null) {
                results.put(id, new HostResult(id, target.region(), Outcome.TIMED_OUT, "collect had not finished after "
                        + wait.toSeconds() + "s; run trace collect again (a new collect is sent)", false));
            } else if (!inv.succeeded()) {
                results.put(id, new HostResult(id, target.region(), "TimedOut".equals(inv.status())
                        ? Outcome.TIMED_OUT : Outcome.COLLECT_FAILED, "collect " + inv.describe(), false));
            } else {
                results.put(id, decode(run, target, command));
            }
        }
        List<HostResult> ordered = new ArrayList<>();
        run.targets().forEach(t -> ordered.add(results.get(t.instanceId())));
        for (Skip skip : run.skips()) {
            ordered.add(new HostResult(skip.instanceId(), skip.region(), Outcome.SKIPPED,
                    "skipped at start: " + skip.reason(), false));
        }
        return ordered;
    }

    private Map<String, Invocations.Invocation> poll(Map<String, SentCommand> collectOf, Duration wait,
                                                     Map<String, HostResult> results) throws InterruptedException {
        Map<String, SentCommand> commands = new LinkedHashMap<>();
        collectOf.values().forEach(c -> commands.put(c.commandId(), c));
        Map<String, Invocations.Invocation> finished = new LinkedHashMap<>();
        Instant deadline = clock.instant().plus(wait);
        Duration pause = FIRST_PAUSE;
        while (true) {
            for (SentCommand command : List.copyOf(commands.values())) {
                try {
                    Invocations.list(ssm.apply(command.region()), command.commandId(), false).values().stream()
                            .filter(Invocations.Invocation::finished)
                            .filter(inv -> command.instanceIds().contains(inv.instanceId()))
                            .forEach(inv -> finished.put(inv.instanceId(), inv));
                } catch (SdkException e) {
                    commands.remove(command.commandId());
                    for (String id : command.instanceIds()) {
                        results.putIfAbsent(id, new HostResult(id, command.region(), Outcome.COLLECT_FAILED,
                                "cannot read the collect command " + command.commandId() + ": " + ErrorText.of(e), false));
                    }
                }
                if (finished.keySet().containsAll(command.instanceIds())) {
                    commands.remove(command.commandId());
                }
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (commands.isEmpty() || left.isNegative() || left.isZero()) {
                return finished;
            }
            sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) < 0 ? pause.multipliedBy(2) : MAX_PAUSE;
        }
    }

    private HostResult decode(RunFile run, TraceTarget target, SentCommand command) throws EvidenceFormatException {
        String id = target.instanceId();
        String stdout;
        try {
            stdout = HostOutput.read(ssm.apply(target.region()), run.s3Output() == null ? null : s3.get(), run.s3Output(),
                    command.commandId(), id);
        } catch (SdkException e) {
            return new HostResult(id, target.region(), Outcome.COLLECT_FAILED, "cannot read its output: " + ErrorText.of(e),
                    false);
        }
        CollectedTrace trace;
        try {
            trace = CollectOutput.parse(stdout);
        } catch (CollectFormatException e) {
            return new HostResult(id, target.region(), Outcome.COLLECT_FAILED, "its output is not the collect script's: "
                    + e.getMessage(), false);
        }
        String notes = trace.notes().isEmpty() ? "" : " (" + String.join("; ", trace.notes()) + ")";
        // No log read is no evidence: "nothing called IMDSv1" must come from a log that was there.
        if ("absent".equals(trace.tracerState()) || trace.logFiles() == 0) {
            return new HostResult(id, target.region(), Outcome.NO_LOG, "no analyzer log on the host" + notes, false);
        }
        evidence.merge(HostEvidence.of(id, run.account(), target.region()).withTrace(run.runId(), clock.instant(),
                trace.summary()));
        int callers = trace.summary().v1Callers().size();
        long calls = trace.summary().v1Calls();
        String counts = callers + " IMDSv1 caller" + (callers == 1 ? "" : "s") + ", " + calls + " call"
                + (calls == 1 ? "" : "s");
        if (!trace.complete()) {
            return new HostResult(id, target.region(), Outcome.CUT_SHORT, counts + " in the part SSM kept"
                    + (run.s3Output() == null ? "; start a run with --s3-output for the whole log" : "") + notes, true);
        }
        if ("running".equals(trace.tracerState())) {
            Instant until = run.latest(Phase.START, id).map(c -> c.sentAt().plus(run.duration())).orElse(null);
            return new HostResult(id, target.region(), Outcome.STILL_TRACING, counts + " so far; still tracing"
                    + (until == null ? "" : " until about " + until) + ", collected anyway" + notes, true);
        }
        return new HostResult(id, target.region(), Outcome.COLLECTED, counts + notes, true);
    }

    private static HostResult result(RunFile run, String id, Outcome outcome, String message, boolean evidence) {
        String region = run.targets().stream().filter(t -> t.instanceId().equals(id)).map(TraceTarget::region)
                .findFirst().orElse("?");
        return new HostResult(id, region, outcome, message, evidence);
    }
}
