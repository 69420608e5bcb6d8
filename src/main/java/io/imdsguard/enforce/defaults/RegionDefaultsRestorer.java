package io.imdsguard.enforce.defaults;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.enforce.Pool;
import io.imdsguard.enforce.RestoreOutcome;
import io.imdsguard.enforce.RestoreOutcome.Status;
import io.imdsguard.enforce.Restorer;
import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a region's IMDS defaults back as the journal recorded them before {@code enforce region-defaults}
 * changed them, "no preference" included. Every field is sent, since a field the enforcement set (the
 * hop limit) stays set unless told otherwise; a null field is sent as {@code no-preference} (the hop
 * limit as -1), which clears it.
 */
public final class RegionDefaultsRestorer implements Restorer {
    private final AwsClients clients;
    private final Clock clock;

    public RegionDefaultsRestorer(AwsClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public String action() {
        return JournalLine.REGION_DEFAULTS;
    }

    @Override
    public List<RestoreOutcome> restore(List<JournalChange> changes, String account, boolean apply, JournalWriter journal,
                                        String run) throws InterruptedException {
        Map<String, List<JournalChange>> byRegion = new LinkedHashMap<>();
        for (JournalChange c : changes) {
            if (action().equals(c.before().action())) {
                byRegion.computeIfAbsent(c.before().account() + "/" + c.before().region(), k -> new ArrayList<>()).add(c);
            }
        }
        return Pool.each(RegionDefaultsEnforcer.REGIONS_AT_ONCE, new ArrayList<>(byRegion.keySet()),
                key -> restoreRegion(byRegion.get(key), account, apply, journal, run));
    }

    /** {@code changes}: one region's, newest first, so the last holds the earliest before-state. */
    private RestoreOutcome restoreRegion(List<JournalChange> changes, String account, boolean apply, JournalWriter journal,
                                         String run) {
        JournalLine earliest = changes.get(changes.size() - 1).before();
        String region = earliest.region();
        MetadataSettings target = RegionDefaults.comparable(earliest.state());
        List<String> undoes = changes.stream().map(JournalChange::id).toList();
        if (earliest.account() != null && !earliest.account().equals(account)) {
            return outcome(earliest, Status.FAILED, target, "journal is for account " + earliest.account()
                    + "; these credentials are for " + account);
        }
        Ec2Client ec2 = clients.ec2(region);
        RegionDefaults now;
        try {
            now = DefaultsCalls.read(ec2, region);
        } catch (SdkException e) {
            return outcome(earliest, Status.FAILED, target, "GetInstanceMetadataDefaults failed: " + DefaultsCalls.error(e));
        }
        if (now.managedByPolicy()) {
            return outcome(earliest, Status.FAILED, target, "managed by a declarative policy"
                    + (now.managedException() == null ? "" : " (" + DefaultsCalls.printable(now.managedException()) + ")")
                    + ": change the Organization's EC2 declarative policy instead");
        }
        if (now.settings().equals(target)) {
            if (apply) {
                // Still journaled, so that the changes read as undone and a rerun leaves them alone.
                JournalLine line = before(run, undoes, account, region, now.settings());
                Optional<String> problem = write(journal, line, line.after(clock.instant(), now.settings(),
                        JournalLine.Result.RESTORED, null));
                if (problem.isPresent()) {
                    return outcome(earliest, Status.FAILED, target, problem.get());
                }
            }
            return outcome(earliest, Status.ALREADY_RESTORED, target, "already as before: " + DefaultsCalls.describe(target));
        }
        if (!apply) {
            return DefaultsCalls.prove(ec2, DefaultsCalls.restore(target, true))
                    .map(why -> outcome(earliest, Status.FAILED, target, why))
                    .orElseGet(() -> outcome(earliest, Status.WOULD_RESTORE, target, "would restore "
                            + DefaultsCalls.describe(target) + " (now " + DefaultsCalls.describe(now.settings()) + ")"));
        }
        return restoreNow(ec2, earliest, target, undoes, account, journal, run, now.settings());
    }

    private RestoreOutcome restoreNow(Ec2Client ec2, JournalLine earliest, MetadataSettings target, List<String> undoes,
                                      String account, JournalWriter journal, String run, MetadataSettings now) {
        String region = earliest.region();
        JournalLine line = before(run, undoes, account, region, now);
        Optional<String> problem = write(journal, line);
        if (problem.isPresent()) {
            return outcome(earliest, Status.FAILED, target, "not restored: " + problem.get());
        }
        try {
            ec2.modifyInstanceMetadataDefaults(DefaultsCalls.restore(target, false));
        } catch (AwsServiceException e) {
            return failed(journal, line, earliest, target, null, DefaultsCalls.error(e));
        } catch (SdkException e) {
            return failed(journal, line, earliest, target, null, DefaultsCalls.error(e)
                    + " (whether AWS took the change is unknown; run the rollback again)");
        }
        RegionDefaults after;
        try {
            after = DefaultsCalls.read(ec2, region);
        } catch (SdkException e) {
            return failed(journal, line, earliest, target, null, "verify: GetInstanceMetadataDefaults failed: "
                    + DefaultsCalls.error(e));
        }
        if (!after.settings().equals(target)) {
            return failed(journal, line, earliest, target, after.settings(), "verify: GetInstanceMetadataDefaults says "
                    + DefaultsCalls.describe(after.settings()) + ", not " + DefaultsCalls.describe(target));
        }
        problem = write(journal, line.after(clock.instant(), after.settings(), JournalLine.Result.RESTORED, null));
        return problem.map(p -> outcome(earliest, Status.RESTORED, target, "restored, but " + p))
                .orElseGet(() -> outcome(earliest, Status.RESTORED, target, "restored " + DefaultsCalls.describe(target)));
    }

    /** A failed restore's AFTER line says FAILED: the enforcement changes it names stay to be undone. */
    private RestoreOutcome failed(JournalWriter journal, JournalLine line, JournalLine earliest, MetadataSettings target,
                                  MetadataSettings readBack, String why) {
        Optional<String> problem = write(journal, line.after(clock.instant(), readBack, JournalLine.Result.FAILED, why));
        return outcome(earliest, Status.FAILED, target, why + problem.map(p -> "; " + p).orElse(""));
    }

    private JournalLine before(String run, List<String> undoes, String account, String region, MetadataSettings now) {
        return JournalLine.before(run, JournalLine.REGION_DEFAULTS, undoes, account, region, region, null, clock.instant(),
                now);
    }

    private static Optional<String> write(JournalWriter journal, JournalLine... lines) {
        try {
            for (JournalLine line : lines) {
                journal.write(line);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the journal " + journal.file() + " could not be written (" + e.getMessage() + ")");
        }
    }

    private RestoreOutcome outcome(JournalLine earliest, Status status, MetadataSettings target, String detail) {
        return new RestoreOutcome(action(), earliest.account(), earliest.region(), earliest.target(), null, status, target,
                detail);
    }
}
