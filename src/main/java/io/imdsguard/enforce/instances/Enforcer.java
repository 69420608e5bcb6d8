package io.imdsguard.enforce.instances;

import io.imdsguard.collect.CollectProgress;
import io.imdsguard.enforce.Pool;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries out a plan's changes: as DryRun calls that prove permission, or for real, each journaled before
 * and after. A bounded pool makes the calls (the SDK retries throttling); after {@code maxErrors} failed
 * changes no new one starts. Running instances are then waited for until their options are applied.
 */
public final class Enforcer {
    private final MetadataCall calls;
    private final InstanceDescriber describer;
    private final int concurrency;
    private final int maxErrors;
    private final Duration waitTimeout;
    private final Clock clock;

    public Enforcer(MetadataCall calls, InstanceDescriber describer, int concurrency, int maxErrors, Duration waitTimeout,
                    Clock clock) {
        this.calls = calls;
        this.describer = describer;
        this.concurrency = concurrency;
        this.maxErrors = maxErrors;
        this.waitTimeout = waitTimeout;
        this.clock = clock;
    }

    /** The plan with each change's DryRun answer: permitted, not permitted (AWS's error), or vanished. */
    public List<PlanItem> dryRun(List<PlanItem> plan) throws InterruptedException {
        List<Callable<PlanItem>> tasks = new ArrayList<>();
        for (PlanItem item : plan) {
            tasks.add(() -> {
                if (!item.isChange()) {
                    return item;
                }
                MetadataCall.Answer a = calls.send(item.region(), item.instanceId(), item.then(), true);
                return switch (a.kind()) {
                    case ACCEPTED -> item.with(Outcome.PERMITTED, item.detail());
                    case NOT_FOUND -> item.with(Outcome.VANISHED, "no longer found: " + a.error());
                    case REFUSED -> item.with(Outcome.NOT_PERMITTED, "not permitted: " + a.error());
                };
            });
        }
        return Pool.run(concurrency, tasks);
    }

    /** Makes the plan's changes, journaling each in {@code journal} under run id {@code run}. */
    public List<PlanItem> apply(List<PlanItem> plan, JournalWriter journal, String run, CollectProgress progress)
            throws InterruptedException {
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> journalProblem = new AtomicReference<>();
        Map<String, JournalLine> befores = new java.util.concurrent.ConcurrentHashMap<>();
        List<Callable<PlanItem>> tasks = new ArrayList<>();
        long changes = plan.stream().filter(PlanItem::isChange).count();
        progress.started((int) changes);
        for (PlanItem item : plan) {
            tasks.add(() -> {
                if (!item.isChange()) {
                    return item;
                }
                try {
                    return change(item, journal, run, failures, journalProblem, befores);
                } finally {
                    progress.finished(item.instanceId());
                }
            });
        }
        List<PlanItem> called = Pool.run(concurrency, tasks);
        return awaitApplied(called, journal, befores, journalProblem);
    }

    private PlanItem change(PlanItem item, JournalWriter journal, String run, AtomicInteger failures,
                            AtomicReference<String> journalProblem, Map<String, JournalLine> befores) {
        if (journalProblem.get() != null) {
            return item.with(Outcome.NOT_ATTEMPTED, "the journal could not be written: " + journalProblem.get());
        }
        if (failures.get() >= maxErrors) {
            return item.with(Outcome.NOT_ATTEMPTED, "--max-errors " + maxErrors + " reached");
        }
        JournalLine before = JournalLine.before(run, JournalLine.INSTANCE, List.of(), item.account(), item.region(),
                item.instanceId(), item.name(), clock.instant(), item.now());
        try {
            journal.write(before);
        } catch (IOException e) {
            journalProblem.compareAndSet(null, e.getMessage());
            return item.with(Outcome.NOT_ATTEMPTED, "the journal could not be written: " + e.getMessage());
        }
        MetadataCall.Answer a = calls.send(item.region(), item.instanceId(), item.then(), false);
        PlanItem done = switch (a.kind()) {
            case NOT_FOUND -> item.with(Outcome.VANISHED, "no longer found: " + a.error());
            case REFUSED -> {
                failures.incrementAndGet();
                yield item.with(Outcome.FAILED, a.error());
            }
            case ACCEPTED -> "stopped".equals(item.ec2State()) || "stopping".equals(item.ec2State())
                    ? item.with(Outcome.PENDING_START, join("applies at next start", item.detail()))
                    : item.with(Outcome.CHANGED, item.detail());
        };
        if (done.outcome() == Outcome.CHANGED) {
            // Running: the AFTER line waits for the read-back.
            befores.put(item.instanceId(), before);
            return done;
        }
        JournalLine.Result result = switch (done.outcome()) {
            case VANISHED -> JournalLine.Result.VANISHED;
            case FAILED -> JournalLine.Result.FAILED;
            default -> JournalLine.Result.PENDING_START;
        };
        writeAfter(journal, before.after(clock.instant(), null, result,
                done.outcome() == Outcome.FAILED ? a.error() : null), journalProblem);
        return done;
    }

    private List<PlanItem> awaitApplied(List<PlanItem> called, JournalWriter journal, Map<String, JournalLine> befores,
                                        AtomicReference<String> journalProblem) throws InterruptedException {
        Map<String, java.util.Set<String>> byRegion = new LinkedHashMap<>();
        called.stream().filter(i -> i.outcome() == Outcome.CHANGED && befores.containsKey(i.instanceId()))
                .forEach(i -> byRegion.computeIfAbsent(i.region(), r -> new java.util.LinkedHashSet<>()).add(i.instanceId()));
        Map<String, AppliedWait.Seen> seen = new LinkedHashMap<>();
        AppliedWait wait = new AppliedWait(describer, waitTimeout);
        for (Map.Entry<String, java.util.Set<String>> e : byRegion.entrySet()) {
            seen.putAll(wait.await(e.getKey(), e.getValue()));
        }
        List<PlanItem> out = new ArrayList<>(called.size());
        for (PlanItem item : called) {
            JournalLine before = befores.get(item.instanceId());
            if (item.outcome() != Outcome.CHANGED || before == null) {
                out.add(item);
                continue;
            }
            AppliedWait.Seen s = seen.get(item.instanceId());
            PlanItem done;
            JournalLine.Result result;
            String error = null;
            if (s == null || s.vanished()) {
                done = item.with(Outcome.VANISHED, "no longer found after the change");
                result = JournalLine.Result.VANISHED;
            } else if (s.state() == null) {
                done = item.with(Outcome.NOT_APPLIED, "accepted, but not read back in " + words(waitTimeout)
                        + " (last read: " + s.readError() + ")");
                result = JournalLine.Result.NOT_APPLIED;
            } else if (!s.applied()) {
                done = item.readBack(s.state().settings(), Outcome.NOT_APPLIED, "still pending after "
                        + words(waitTimeout) + (s.readError() == null ? "" : " (last read: " + s.readError() + ")"));
                result = JournalLine.Result.NOT_APPLIED;
            } else if (!s.state().settings().requiresTokens()) {
                error = "read back HttpTokens " + s.state().settings().httpTokens() + " (changed again by someone else?)";
                done = item.readBack(s.state().settings(), Outcome.FAILED, error);
                // AWS took the call, so the journal must not say "nothing changed": a rollback looks again.
                result = JournalLine.Result.NOT_APPLIED;
            } else {
                done = item.readBack(s.state().settings(), Outcome.CHANGED, item.detail());
                result = JournalLine.Result.CHANGED;
            }
            writeAfter(journal, before.after(clock.instant(), s == null || s.state() == null || s.vanished() ? null
                    : s.state().settings(), result, error), journalProblem);
            out.add(done);
        }
        return out;
    }

    private static void writeAfter(JournalWriter journal, JournalLine after, AtomicReference<String> journalProblem) {
        try {
            journal.write(after);
        } catch (IOException e) {
            journalProblem.compareAndSet(null, e.getMessage());
        }
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }

    static String words(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
