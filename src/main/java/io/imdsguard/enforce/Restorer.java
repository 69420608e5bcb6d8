package io.imdsguard.enforce;

import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalWriter;

import java.util.List;

/**
 * Undoes one kind of journaled change ({@code enforce rollback}): instances' metadata options, or
 * regions' IMDS defaults. One implementation per {@link io.imdsguard.enforce.journal.JournalLine#action()}.
 */
public interface Restorer {

    /** The journal action whose changes this restores. */
    String action();

    /**
     * Puts back the before-state of {@code changes} (all of {@link #action()}, newest first, as
     * {@link io.imdsguard.enforce.journal.JournalFile#toUndo()} lists them; a target changed twice is
     * restored to its earliest before-state). With {@code apply} false it changes nothing and proves
     * permission with DryRun calls; with {@code apply} it journals each restore in {@code journal} (a
     * BEFORE line naming the changes it undoes, then an AFTER line) under the run id {@code run}.
     *
     * @param account the account of the credentials in use; changes journaled for another are refused
     */
    List<RestoreOutcome> restore(List<JournalChange> changes, String account, boolean apply, JournalWriter journal,
                                 String run) throws InterruptedException;
}
