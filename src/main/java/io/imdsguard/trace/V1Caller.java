package io.imdsguard.trace;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One process that called IMDS without a session token, summed over a trace.
 *
 * @param pid            the process id
 * @param comm           the kernel's short name, null when the analyzer could not read it
 * @param argv           the command line, null when the analyzer could not read it
 * @param parents        the calling chain as logged (parent first), up to three ancestors
 * @param paths          the distinct IMDS paths it asked for, in the order first seen
 * @param calls          how many calls, each counted once even when the analyzer logged it twice
 * @param missingPayload whether a call was logged without its request ({@code {MISSING PAYLOAD}})
 * @param firstSeen      the first call's log time, ISO-8601 local time as the host logged it
 * @param lastSeen       the last call's log time, same form
 */
@JsonPropertyOrder({"pid", "comm", "argv", "parents", "paths", "calls", "missingPayload", "firstSeen", "lastSeen"})
public record V1Caller(int pid, String comm, String argv, List<ProcessRef> parents, List<String> paths, long calls,
                       boolean missingPayload, String firstSeen, String lastSeen) {
    public V1Caller {
        parents = parents == null ? List.of() : List.copyOf(parents);
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** What a person recognises the process by: its program path from argv, else its comm, else its pid. */
    public String displayName() {
        if (argv != null && !argv.isBlank()) {
            return argv.strip().split("\\s+", 2)[0];
        }
        return comm != null && !comm.isBlank() ? comm : "pid " + pid;
    }
}
