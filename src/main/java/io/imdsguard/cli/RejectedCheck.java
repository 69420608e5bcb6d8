package io.imdsguard.cli;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.collect.CollectProgress;
import io.imdsguard.collect.CollectRequest;
import io.imdsguard.collect.CollectionFailedException;
import io.imdsguard.enforce.instances.Outcome;
import io.imdsguard.enforce.instances.PlanItem;
import io.imdsguard.usage.InstanceUsage;
import io.imdsguard.usage.UsageReader;
import io.imdsguard.usage.UsageRequest;
import io.imdsguard.usage.UsageResult;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * After {@code enforce instances --yes}: how to see what broke (CloudWatch MetadataNoTokenRejected counts
 * the IMDSv1 calls now refused), and with --check-after that reading itself, a while later.
 */
final class RejectedCheck {
    private final AwsClients clients;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;

    RejectedCheck(AwsClients clients, Clock clock, PrintWriter out, PrintWriter err) {
        this.clients = clients;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    void afterChange(List<PlanItem> done, Duration checkAfter, String rollback) throws InterruptedException {
        List<PlanItem> changed = done.stream().filter(i -> i.outcome() == Outcome.CHANGED).toList();
        if (changed.isEmpty()) {
            return;
        }
        List<String> ids = changed.stream().map(PlanItem::instanceId).toList();
        List<String> regions = changed.stream().map(PlanItem::region).distinct().sorted().toList();
        if (checkAfter == null) {
            out.println("See what broke (IMDSv1 calls now rejected) with: imdsguard usage --instance-ids "
                    + String.join(",", ids) + " --regions " + String.join(",", regions) + " --days 1");
            return;
        }
        out.flush();
        err.println("imdsguard: waiting " + TraceDurations.words(checkAfter)
                + " before reading MetadataNoTokenRejected for the changed instances");
        err.flush();
        Thread.sleep(checkAfter.toMillis());
        UsageResult result;
        try {
            result = new UsageReader(clients, clock).read(new UsageRequest(new CollectRequest(regions), 1, ids),
                    CollectProgress.NONE);
        } catch (CollectionFailedException e) {
            err.println("imdsguard: warning: could not read MetadataNoTokenRejected: " + e.getMessage());
            return;
        }
        result.gaps().forEach(g -> err.println("imdsguard: warning: could not read " + g.region() + " " + g.service()
                + ":" + g.operation() + ": " + g.error()));
        out.println("IMDSv1 calls rejected in the last day (CloudWatch MetadataNoTokenRejected):");
        for (InstanceUsage u : result.instances()) {
            out.println("  " + u.instanceId() + " (" + u.region() + "): " + (!u.read() ? "?" : u.rejected() == null
                    ? "no data" : u.rejected()));
        }
        List<String> broke = result.instances().stream().filter(u -> u.rejected() != null && u.rejected() > 0)
                .map(InstanceUsage::instanceId).toList();
        if (!broke.isEmpty()) {
            out.println("WARNING: IMDSv1 calls are being rejected on " + String.join(", ", broke)
                    + ": something there still needs IMDSv1. Undo with: " + rollback);
        }
    }
}
