package io.imdsguard.trace.log;

import io.imdsguard.trace.TraceSummary;

import java.util.List;

/**
 * What the host {@code collect} script reported, decoded.
 *
 * @param summary     the analyzer's log, parsed
 * @param tracerState the analyzer unit on the host: "running", "stopped" or "absent" (never started, no log)
 * @param complete    false when the output was cut short (SSM keeps the first 24,000 characters)
 * @param notes       what the script said besides the log (an unsupported OS, a missing file), one line each
 * @param logFiles    how many analyzer log files the script read (0: the summary says nothing of the callers)
 */
public record CollectedTrace(TraceSummary summary, String tracerState, boolean complete, List<String> notes,
                             int logFiles) {
    public CollectedTrace {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
