package io.imdsguard.enforce.journal;

import java.util.Optional;

/**
 * A change as the journal tells it: its BEFORE line and, unless it was cut short, its AFTER line.
 */
public record JournalChange(JournalLine before, JournalLine after) {

    public JournalChange {
        if (before == null || before.phase() != JournalLine.Phase.BEFORE) {
            throw new IllegalArgumentException("a change starts with its before line");
        }
    }

    public String id() {
        return before.change();
    }

    public Optional<JournalLine> afterLine() {
        return Optional.ofNullable(after);
    }

    /** A BEFORE line with no AFTER: the run stopped between the two, so whether AWS took the call is unknown. */
    public boolean cutShort() {
        return after == null;
    }

    /** A rollback's change, as opposed to an enforcement's. */
    public boolean isRollback() {
        return !before.undoes().isEmpty();
    }

    /** Whether AWS may hold this change's new settings now: it took effect, or it was cut short. */
    public boolean mayHaveTakenEffect() {
        return after == null || after.result() != null && after.result().tookEffect();
    }
}
