package io.imdsguard.enforce.defaults;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.enforce.Pool;
import io.imdsguard.enforce.RunNames;
import io.imdsguard.enforce.defaults.RegionOutcome.Status;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code enforce region-defaults}: makes each region's IMDS default for new launches require IMDSv2
 * (ModifyInstanceMetadataDefaults), proving permission with DryRun first, journaling each change before
 * and after it is made and verifying it with GetInstanceMetadataDefaults. One region's failure does not
 * stop the others.
 */
public final class RegionDefaultsEnforcer {
    /** Regions are independent and EC2 throttles per region: a few at a time keep a 30-region run short. */
    static final int REGIONS_AT_ONCE = 8;
    /** The hop limit sent where a region has none: containers on a host need 2 to reach IMDSv2. */
    static final int HOP_LIMIT = 2;

    private final AwsClients clients;
    private final Clock clock;

    public RegionDefaultsEnforcer(AwsClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** A run id such as {@code region-defaults-20261201-213004-9f3a}. */
    public static String runId(Clock clock) {
        return RunNames.next("region-defaults", clock);
    }

    /** The dry run: reads each region, proves the change with a DryRun call, changes nothing, journals nothing. */
    public List<RegionOutcome> plan(List<String> regions) throws InterruptedException {
        return Pool.each(REGIONS_AT_ONCE, regions, region -> counted(planOne(region)));
    }

    /** Changes each region that needs it, journaling in {@code journal} under {@code run} for {@code account}. */
    public List<RegionOutcome> apply(List<String> regions, String account, JournalWriter journal, String run)
            throws InterruptedException {
        return Pool.each(REGIONS_AT_ONCE, regions, region -> counted(applyOne(region, account, journal, run)));
    }

    /** A region read, or the outcome that already ends it: unreadable, managed by a policy, already required. */
    private record Start(Ec2Client ec2, RegionDefaults before, RegionOutcome done) {
    }

    private Start start(String region) {
        Ec2Client ec2 = clients.ec2(region);
        try {
            RegionDefaults before = DefaultsCalls.read(ec2, region);
            return new Start(ec2, before, nothingToDo(before).orElse(null));
        } catch (SdkException e) {
            return new Start(ec2, null, unread(region, e));
        }
    }

    private RegionOutcome planOne(String region) {
        Start start = start(region);
        if (start.done() != null) {
            return start.done();
        }
        Ec2Client ec2 = start.ec2();
        RegionDefaults before = start.before();
        MetadataSettings intended = intended(before.settings());
        Optional<String> refused = DefaultsCalls.prove(ec2, DefaultsCalls.require(before.settings(), true));
        return refused.map(why -> outcome(before, intended, Status.NOT_PERMITTED, null, why))
                .orElseGet(() -> outcome(before, intended, Status.PERMITTED, null, keptHopLimit(before.settings())));
    }

    private RegionOutcome applyOne(String region, String account, JournalWriter journal, String run) {
        Start start = start(region);
        if (start.done() != null) {
            return start.done();
        }
        Ec2Client ec2 = start.ec2();
        RegionDefaults before = start.before();
        MetadataSettings intended = intended(before.settings());
        // 1. The before line is on disk before the call: a crash after it leaves a change the rollback can find.
        JournalLine line = JournalLine.before(run, JournalLine.REGION_DEFAULTS, List.of(), account, region, region, null,
                clock.instant(), before.settings());
        try {
            journal.write(line);
        } catch (IOException e) {
            return outcome(before, intended, Status.FAILED, null, "not changed: the journal " + journal.file()
                    + " could not be written (" + e.getMessage() + ")");
        }
        // 2. The change. A refusal changed nothing; no answer at all may have, so a rollback must look.
        try {
            ec2.modifyInstanceMetadataDefaults(DefaultsCalls.require(before.settings(), false));
        } catch (AwsServiceException e) {
            String why = DefaultsCalls.error(e);
            return finish(journal, line, outcome(before, intended, Status.FAILED, null, why), null,
                    JournalLine.Result.FAILED, why);
        } catch (SdkException e) {
            String why = DefaultsCalls.error(e);
            return finish(journal, line, outcome(before, intended, Status.FAILED, null, why + " (whether AWS took the "
                    + "change is unknown; a rollback checks)"), null, JournalLine.Result.NOT_APPLIED, why);
        }
        // 3. Verify. The call was taken, so a failed check is journaled as possibly in effect: a rollback looks.
        RegionDefaults after;
        try {
            after = DefaultsCalls.read(ec2, region);
        } catch (SdkException e) {
            String why = "verify: GetInstanceMetadataDefaults failed: " + DefaultsCalls.error(e);
            return finish(journal, line, outcome(before, intended, Status.FAILED, null, why), null,
                    JournalLine.Result.NOT_APPLIED, why);
        }
        if (!after.settings().requiresTokens()) {
            String why = "verify: GetInstanceMetadataDefaults still says " + DefaultsCalls.describe(after.settings());
            return finish(journal, line, outcome(before, intended, Status.FAILED, after.settings(), why),
                    after.settings(), JournalLine.Result.NOT_APPLIED, why);
        }
        return finish(journal, line, outcome(before, intended, Status.CHANGED, after.settings(),
                keptHopLimit(before.settings())), after.settings(), JournalLine.Result.CHANGED, null);
    }

    private RegionOutcome finish(JournalWriter journal, JournalLine before, RegionOutcome outcome, MetadataSettings readBack,
                                 JournalLine.Result result, String error) {
        try {
            journal.write(before.after(clock.instant(), readBack, result, error));
            return outcome;
        } catch (IOException e) {
            // The before line is there: the change reads as cut short, and a rollback still undoes it.
            String note = "the journal's after line could not be written (" + e.getMessage() + ")";
            return new RegionOutcome(outcome.region(), outcome.before(), outcome.intended(), outcome.status(),
                    outcome.after(), outcome.detail() == null ? note : outcome.detail() + "; " + note, null, null);
        }
    }

    private static Optional<RegionOutcome> nothingToDo(RegionDefaults before) {
        if (before.managedByPolicy()) {
            return Optional.of(outcome(before, before.settings(), Status.MANAGED, null, before.managedException()));
        }
        if (before.settings().requiresTokens()) {
            return Optional.of(outcome(before, before.settings(), Status.ALREADY_REQUIRED, null, null));
        }
        return Optional.empty();
    }

    /** What the defaults become: tokens required; the hop limit 2 only where there was none. */
    static MetadataSettings intended(MetadataSettings before) {
        Integer hops = before.httpPutResponseHopLimit() == null ? HOP_LIMIT : before.httpPutResponseHopLimit();
        return new MetadataSettings(MetadataSettings.REQUIRED, before.httpEndpoint(), hops, null,
                before.instanceMetadataTags(), null);
    }

    private static String keptHopLimit(MetadataSettings before) {
        return before.httpPutResponseHopLimit() == null ? null
                : "hop limit " + before.httpPutResponseHopLimit() + " kept: it was set explicitly";
    }

    private static RegionOutcome outcome(RegionDefaults before, MetadataSettings intended, Status status,
                                         MetadataSettings after, String detail) {
        return new RegionOutcome(before.region(), before, intended, status, after, detail, null, null);
    }

    private static RegionOutcome unread(String region, SdkException e) {
        return new RegionOutcome(region, null, null, Status.FAILED, null,
                "GetInstanceMetadataDefaults failed: " + DefaultsCalls.error(e), null, null);
    }

    private RegionOutcome counted(RegionOutcome outcome) {
        try {
            return outcome.withCount(Imdsv1Instances.count(clients.ec2(outcome.region())), null);
        } catch (SdkException e) {
            return outcome.withCount(null, DefaultsCalls.error(e));
        }
    }
}
