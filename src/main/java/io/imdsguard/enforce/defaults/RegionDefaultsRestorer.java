package io.imdsguard.enforce.defaults;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.enforce.RestoreOutcome;
import io.imdsguard.enforce.Restorer;
import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;

import java.time.Clock;
import java.util.List;

/**
 * PLACEHOLDER on branch h-inst only, so that enforce rollback compiles before the region-defaults branch
 * is merged; that branch's class of the same name replaces it. It restores nothing.
 */
public final class RegionDefaultsRestorer implements Restorer {
    public RegionDefaultsRestorer(AwsClients clients, Clock clock) {
    }

    @Override
    public String action() {
        return JournalLine.REGION_DEFAULTS;
    }

    @Override
    public List<RestoreOutcome> restore(List<JournalChange> changes, String account, boolean apply, JournalWriter journal,
                                        String run) {
        return changes.stream().map(c -> new RestoreOutcome(action(), c.before().account(), c.before().region(),
                c.before().target(), null, RestoreOutcome.Status.FAILED, c.before().state(),
                "restoring region defaults is not in this build")).toList();
    }
}
