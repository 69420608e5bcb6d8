package io.imdsguard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The closing lines of a run that may have changed AWS: the journal and the exact command that undoes
 * it, or, when nothing was journaled, that there is nothing to undo (the journal file was never created).
 */
final class EnforceUndoHint {
    private EnforceUndoHint() {
    }

    static String rollbackCommand(Path journal) {
        return ShellWords.command(List.of("enforce", "rollback", "--journal", journal.toString(), "--yes"));
    }

    /** {@code run}: the run that wrote the lines, so that a journal shared by several steps can undo just this one. */
    static void print(PrintWriter out, Path journal, int linesJournaled, String run) {
        if (linesJournaled == 0) {
            out.println("Nothing was changed, so nothing was journaled.");
            return;
        }
        out.println("Journal: " + journal + " (run " + run + ")");
        out.println("Undo with: " + rollbackCommand(journal));
        out.println("Undo only this run: " + ShellWords.command(List.of("enforce", "rollback", "--journal",
                journal.toString(), "--run", run, "--yes")));
    }
}
