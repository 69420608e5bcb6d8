package io.imdsguard.enforce.instances;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.enforce.Pool;
import io.imdsguard.enforce.RestoreOutcome;
import io.imdsguard.enforce.RestoreOutcome.Status;
import io.imdsguard.enforce.Restorer;
import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Undoes {@code enforce instances}: each instance gets back the before-state of its earliest change still
 * to undo, every field sent (HttpEndpoint as it was). Instances are described in bulk per region first;
 * one already in that state gets no call.
 */
public final class InstanceRestorer implements Restorer {
    private final AwsClients clients;
    private final Clock clock;
    private final Duration waitTimeout;
    private final int concurrency;

    public InstanceRestorer(AwsClients clients, Clock clock, Duration waitTimeout, int concurrency) {
        this.clients = clients;
        this.clock = clock;
        this.waitTimeout = waitTimeout;
        this.concurrency = concurrency;
    }

    @Override
    public String action() {
        return JournalLine.INSTANCE;
    }

    /** One instance to restore: its changes (newest first) and the state to put back. */
    private record Target(String account, String region, String instanceId, String name, List<JournalChange> changes) {
        MetadataSettings restoreTo() {
            return changes.get(changes.size() - 1).before().state().withoutState();
        }

        List<String> undoes() {
            return changes.stream().map(JournalChange::id).toList();
        }

        /** What the journal last knew the instance to hold: for the BEFORE line of a rollback that finds it gone. */
        MetadataSettings lastKnown() {
            JournalChange newest = changes.get(0);
            return newest.after() != null && newest.after().state() != null ? newest.after().state()
                    : newest.before().state();
        }
    }

    @Override
    public List<RestoreOutcome> restore(List<JournalChange> changes, String account, boolean apply, JournalWriter journal,
                                        String run) throws InterruptedException {
        Map<String, Target> targets = new LinkedHashMap<>();
        for (JournalChange c : changes) {
            JournalLine b = c.before();
            targets.computeIfAbsent(b.region() + "/" + b.target(),
                    k -> new Target(b.account(), b.region(), b.target(), b.name(), new ArrayList<>())).changes().add(c);
        }
        InstanceDescriber describer = new InstanceDescriber(clients, account);
        Map<String, Set<String>> idsByRegion = new LinkedHashMap<>();
        targets.values().stream().filter(t -> Objects.equals(t.account(), account))
                .forEach(t -> idsByRegion.computeIfAbsent(t.region(), r -> new LinkedHashSet<>()).add(t.instanceId()));
        Map<String, InstanceState> now = new LinkedHashMap<>();
        idsByRegion.forEach((region, ids) -> describer.byIds(region, ids)
                .forEach((id, s) -> now.put(region + "/" + id, s)));

        MetadataCall calls = new MetadataCall(clients);
        Map<String, JournalLine> waiting = new java.util.concurrent.ConcurrentHashMap<>();
        List<Callable<RestoreOutcome>> tasks = new ArrayList<>();
        for (Map.Entry<String, Target> e : targets.entrySet()) {
            tasks.add(() -> one(e.getValue(), now.get(e.getKey()), account, apply, journal, run, calls, waiting));
        }
        List<RestoreOutcome> outcomes = Pool.run(concurrency, tasks);
        return apply ? awaitApplied(outcomes, describer, journal, waiting) : outcomes;
    }

    private RestoreOutcome one(Target t, InstanceState now, String account, boolean apply, JournalWriter journal,
                               String run, MetadataCall calls, Map<String, JournalLine> waiting) {
        MetadataSettings to = t.restoreTo();
        if (!Objects.equals(t.account(), account)) {
            return outcome(t, Status.FAILED, to, "journal is for account " + t.account() + "; these credentials are for "
                    + account);
        }
        if (now == null || now.gone()) {
            String why = now == null ? "not found in " + t.region() : now.ec2State();
            journal(apply, journal, t, run, t.lastKnown(), JournalLine.Result.VANISHED, null, null);
            return outcome(t, Status.VANISHED, to, why);
        }
        if (now.settings().withoutState().equals(to)) {
            journal(apply, journal, t, run, now.settings(), JournalLine.Result.RESTORED, now.settings(), null);
            return outcome(t, Status.ALREADY_RESTORED, to, "already " + describe(to));
        }
        // Someone changed the instance after enforcement: the restore overwrites that too, so say it.
        String since = changedSince(t, now);
        if (!apply) {
            MetadataCall.Answer a = calls.send(t.region(), t.instanceId(), to, true);
            return switch (a.kind()) {
                case ACCEPTED -> outcome(t, Status.WOULD_RESTORE, to, since == null ? "permitted" : "permitted; " + since);
                case NOT_FOUND -> outcome(t, Status.VANISHED, to, "no longer found");
                case REFUSED -> outcome(t, Status.FAILED, to, "not permitted: " + a.error());
            };
        }
        JournalLine before = JournalLine.before(run, JournalLine.INSTANCE, t.undoes(), t.account(), t.region(),
                t.instanceId(), t.name(), clock.instant(), now.settings());
        write(journal, before);
        MetadataCall.Answer a = calls.send(t.region(), t.instanceId(), to, false);
        switch (a.kind()) {
            case NOT_FOUND -> {
                write(journal, before.after(clock.instant(), null, JournalLine.Result.VANISHED, null));
                return outcome(t, Status.VANISHED, to, "no longer found");
            }
            case REFUSED -> {
                write(journal, before.after(clock.instant(), null, JournalLine.Result.FAILED, a.error()));
                return outcome(t, Status.FAILED, to, a.error());
            }
            default -> {
                if (now.halted()) {
                    write(journal, before.after(clock.instant(), null, JournalLine.Result.RESTORED, null));
                    return outcome(t, Status.RESTORED, to, "applies at next start" + (since == null ? "" : "; " + since));
                }
                waiting.put(t.region() + "/" + t.instanceId(), before);
                return outcome(t, Status.RESTORED, to, since);
            }
        }
    }

    private List<RestoreOutcome> awaitApplied(List<RestoreOutcome> outcomes, InstanceDescriber describer,
                                              JournalWriter journal, Map<String, JournalLine> waiting)
            throws InterruptedException {
        Map<String, Set<String>> byRegion = new LinkedHashMap<>();
        waiting.values().forEach(b -> byRegion.computeIfAbsent(b.region(), r -> new LinkedHashSet<>()).add(b.target()));
        Map<String, AppliedWait.Seen> seen = new LinkedHashMap<>();
        AppliedWait wait = new AppliedWait(describer, waitTimeout);
        for (Map.Entry<String, Set<String>> e : byRegion.entrySet()) {
            wait.await(e.getKey(), e.getValue()).forEach((id, s) -> seen.put(e.getKey() + "/" + id, s));
        }
        List<RestoreOutcome> out = new ArrayList<>();
        for (RestoreOutcome o : outcomes) {
            JournalLine before = waiting.get(o.region() + "/" + o.target());
            if (before == null) {
                out.add(o);
                continue;
            }
            AppliedWait.Seen s = seen.get(o.region() + "/" + o.target());
            MetadataSettings read = s == null || s.state() == null ? null : s.state().settings();
            if (s == null || s.vanished()) {
                write(journal, before.after(clock.instant(), null, JournalLine.Result.VANISHED, null));
                out.add(with(o, Status.VANISHED, "no longer found after the call"));
            } else if (read == null) {
                // Not VANISHED: that would close the changes, and whether the restore took is not known.
                write(journal, before.after(clock.instant(), null, JournalLine.Result.NOT_APPLIED, null));
                out.add(with(o, Status.FAILED, "accepted, but not read back in " + Enforcer.words(waitTimeout)
                        + " (last read: " + s.readError() + "); run the rollback again"));
            } else if (!s.applied()) {
                write(journal, before.after(clock.instant(), read, JournalLine.Result.NOT_APPLIED, null));
                out.add(with(o, Status.FAILED, "still pending after " + Enforcer.words(waitTimeout)));
            } else if (!read.withoutState().equals(o.restoredTo())) {
                String why = "read back " + describe(read) + ", not " + describe(o.restoredTo());
                write(journal, before.after(clock.instant(), read, JournalLine.Result.FAILED, why));
                out.add(with(o, Status.FAILED, why));
            } else {
                write(journal, before.after(clock.instant(), read, JournalLine.Result.RESTORED, null));
                out.add(o);
            }
        }
        return out;
    }

    /** A rollback change that needs no call (already restored, gone) is journaled all the same: it closes its changes. */
    private void journal(boolean apply, JournalWriter journal, Target t, String run, MetadataSettings replaced,
                         JournalLine.Result result, MetadataSettings readBack, String error) {
        if (!apply) {
            return;
        }
        JournalLine before = JournalLine.before(run, JournalLine.INSTANCE, t.undoes(), t.account(), t.region(),
                t.instanceId(), t.name(), clock.instant(), replaced);
        write(journal, before);
        write(journal, before.after(clock.instant(), readBack, result, error));
    }

    private static void write(JournalWriter journal, JournalLine line) {
        try {
            journal.write(line);
        } catch (IOException e) {
            // Acting on without a record would leave changes no rollback can find: stop the run.
            throw new UncheckedIOException("the journal " + journal.file() + " could not be written: " + e.getMessage(), e);
        }
    }

    private static RestoreOutcome outcome(Target t, Status status, MetadataSettings to, String detail) {
        return new RestoreOutcome(JournalLine.INSTANCE, t.account(), t.region(), t.instanceId(), t.name(), status, to,
                detail);
    }

    private static RestoreOutcome with(RestoreOutcome o, Status status, String detail) {
        return new RestoreOutcome(o.action(), o.account(), o.region(), o.target(), o.name(), status, o.restoredTo(), detail);
    }

    /** "tokens optional, endpoint enabled, hop limit 3, IPv6 enabled, tags enabled". */
    /** A note when the instance no longer holds what the journal's newest line left it with; else null. */
    private static String changedSince(Target t, InstanceState now) {
        MetadataSettings left = t.lastKnown() == null ? null : t.lastKnown().withoutState();
        MetadataSettings held = now.settings().withoutState();
        return left == null || left.equals(held) ? null
                : "changed since enforcement (now " + describe(held) + "), restored over it";
    }

    static String describe(MetadataSettings s) {
        return "tokens " + s.httpTokens() + ", endpoint " + s.httpEndpoint() + ", hop limit " + s.httpPutResponseHopLimit()
                + ", IPv6 " + s.httpProtocolIpv6() + ", tags " + s.instanceMetadataTags();
    }
}
