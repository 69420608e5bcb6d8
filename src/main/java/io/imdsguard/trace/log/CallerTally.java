package io.imdsguard.trace.log;

import io.imdsguard.trace.ProcessRef;
import io.imdsguard.trace.V1Caller;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One IMDSv1 caller's calls, added up as they are read. */
final class CallerTally {
    private final ProcessRef process;
    private final List<ProcessRef> parents;
    private final Set<String> paths = new LinkedHashSet<>();
    private long calls;
    private boolean missingPayload;
    private String firstSeen;
    private String lastSeen;

    CallerTally(ProcessRef process, List<ProcessRef> parents) {
        this.process = process;
        this.parents = List.copyOf(parents);
    }

    void add(LogLine call, long times) {
        calls += times;
        missingPayload |= call.missingPayload();
        if (call.path() != null) {
            paths.add(call.path());
        }
        String time = call.time();
        if (time != null) {
            // Logs are in time order, but a clock step or a concatenated copy may not be.
            firstSeen = firstSeen == null || time.compareTo(firstSeen) < 0 ? time : firstSeen;
            lastSeen = lastSeen == null || time.compareTo(lastSeen) > 0 ? time : lastSeen;
        }
    }

    V1Caller caller() {
        return new V1Caller(process.pid(), process.comm(), process.argv(), parents, List.copyOf(paths), calls,
                missingPayload, firstSeen, lastSeen);
    }
}
