package io.imdsguard.enforce.instances;

import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Closes the instance changes a stopped run left open (a BEFORE line and no AFTER): AWS is asked what
 * the instance holds now, and the missing AFTER line says so. Only this account's enforcement changes;
 * a rollback cut short is redone by the next rollback, which still sees its changes to undo.
 */
public final class CutShortRecovery {
    private final InstanceDescriber describer;
    private final Clock clock;

    public CutShortRecovery(InstanceDescriber describer, Clock clock) {
        this.describer = describer;
        this.clock = clock;
    }

    /** The changes {@link #recover} would close; one a finished rollback already undid is settled. */
    public static List<JournalChange> open(JournalFile journal, String account) {
        Set<String> undone = journal.undone();
        return journal.cutShort().stream().filter(c -> !c.isRollback()).filter(c -> !undone.contains(c.id()))
                .filter(c -> JournalLine.INSTANCE.equals(c.before().action()))
                .filter(c -> Objects.equals(account, c.before().account())).toList();
    }

    /** Writes the AFTER line of each open change; returns the lines written. */
    public List<JournalLine> recover(List<JournalChange> open, JournalWriter journal) throws IOException {
        Map<String, List<JournalChange>> byRegion = new LinkedHashMap<>();
        open.forEach(c -> byRegion.computeIfAbsent(c.before().region(), r -> new ArrayList<>()).add(c));
        List<JournalLine> written = new ArrayList<>();
        for (Map.Entry<String, List<JournalChange>> e : byRegion.entrySet()) {
            Map<String, InstanceState> now = describer.byIds(e.getKey(),
                    e.getValue().stream().map(c -> c.before().target()).distinct().toList());
            for (JournalChange c : e.getValue()) {
                InstanceState s = now.get(c.before().target());
                JournalLine after;
                if (s == null || s.gone()) {
                    after = c.before().after(clock.instant(), null, JournalLine.Result.VANISHED, null);
                } else if (s.settings().requiresTokens()) {
                    after = c.before().after(clock.instant(), s.settings(), JournalLine.Result.CHANGED, null);
                } else {
                    after = c.before().after(clock.instant(), s.settings(), JournalLine.Result.FAILED,
                            "cut short before AWS took it");
                }
                journal.write(after);
                written.add(after);
            }
        }
        return written;
    }
}
