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
 */
public record CollectedTrace(TraceSummary summary, String tracerState, boolean complete, List<String> notes) {
    public CollectedTrace {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
