package io.imdsguard.trace.log;

import io.imdsguard.trace.ProcessRef;
import io.imdsguard.trace.TraceSummary;
import io.imdsguard.trace.V1Caller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up analyzer log lines, in log order, into a {@link TraceSummary}.
 *
 * <p><b>One call, several lines.</b> From 2024 the analyzer attaches one eBPF program to up to four
 * kernel functions ({@code __sock_sendmsg}, {@code sock_sendmsg}, {@code security_socket_sendmsg},
 * {@code sock_sendmsg_nosec}); they call one another, so one {@code sendmsg} fires every attached
 * one that lies on its path and the analyzer logs the same message once per probe, one after the
 * other, within microseconds. Earlier releases attached {@code sock_sendmsg} alone: one line a
 * call. The rule, therefore:
 * <ol>
 *   <li>a <em>burst</em> is a run of consecutive call lines that read the same (level, version,
 *       missing payload, the process chain with pids, argv, path) and were logged in the same
 *       second; other lines (lost samples, start-up) end a run, blank lines do not;</li>
 *   <li>the lines each call makes, k, is the most frequent burst length of the whole log (the
 *       smaller on a tie), at most the number of probes the start-up lines say were attached
 *       (4 when they are not in the log: they reach the file from release 1.5 on);</li>
 *   <li>a burst of n lines is ceil(n / k) calls.</li>
 * </ol>
 * A process that makes the same request twice in one second with nothing logged in between counts
 * once when k is above 1; a run split by a second boundary counts twice. Both are rare beside the
 * doubling this avoids.
 */
final class TraceAccumulator {
    private static final int MAX_PROBES = 4;

    private record Burst(LogLine first, int lines) {
    }

    private final List<Burst> bursts = new ArrayList<>();
    private LogLine runFirst;
    private int runLines;
    private long unparsed;
    private long lostSamples;
    private int probesFailedSinceStart;
    private Integer probesAttached;
    private long lines;

    /** Reads one raw line: it is redacted first, and nothing of it but what {@link LogLine} holds is kept. */
    void accept(String rawLine) {
        LogLine line = LineParser.parse(TokenRedaction.redact(rawLine));
        if (line.kind() == LogLine.Kind.BLANK) {
            return;
        }
        lines++;
        if (line.isCall()) {
            if (runFirst != null && runFirst.sameCallKey().equals(line.sameCallKey())
                    && runFirst.second().equals(line.second())) {
                runLines++;
                return;
            }
            endRun();
            runFirst = line;
            runLines = 1;
            return;
        }
        endRun();
        switch (line.kind()) {
            case UNPARSED -> unparsed++;
            case LOST_SAMPLES -> lostSamples += line.number();
            case PROBE_START -> {
                probesFailedSinceStart = 0;
                probesAttached = MAX_PROBES;
            }
            case PROBE_FAILED -> {
                probesFailedSinceStart++;
                probesAttached = Math.max(0, MAX_PROBES - probesFailedSinceStart);
            }
            default -> {
                // the analyzer talking about itself: nothing to count
            }
        }
    }

    private void endRun() {
        if (runFirst != null) {
            bursts.add(new Burst(runFirst, runLines));
            runFirst = null;
        }
    }

    /** The lines each call made (see the class comment). */
    int linesPerCall() {
        endRun();
        Map<Integer, Integer> byLength = new TreeMap<>();
        bursts.forEach(b -> byLength.merge(Math.min(b.lines(), MAX_PROBES), 1, Integer::sum));
        int best = 1;
        int bestCount = 0;
        for (Map.Entry<Integer, Integer> e : byLength.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        int cap = probesAttached == null || probesAttached == 0 ? MAX_PROBES : probesAttached;
        return Math.max(1, Math.min(best, cap));
    }

    TraceSummary summary() {
        int k = linesPerCall();
        Map<ProcessRef, CallerTally> callers = new LinkedHashMap<>();
        long v2 = 0;
        for (Burst burst : bursts) {
            long calls = (burst.lines() + k - 1) / k;
            LogLine first = burst.first();
            if (first.kind() == LogLine.Kind.V2_CALL) {
                v2 += calls;
                continue;
            }
            List<ProcessRef> chain = first.chain();
            ProcessRef caller = chain.get(0);
            callers.computeIfAbsent(caller, c -> new CallerTally(c, chain.subList(1, chain.size())))
                    .add(first, calls);
        }
        List<V1Caller> v1 = callers.values().stream().map(CallerTally::caller).toList();
        return new TraceSummary(v1, v2, unparsed);
    }

    /** What the log says about the trace itself, one plain line each; never a line's content. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (lostSamples > 0) {
            notes.add("the analyzer lost " + lostSamples + " kernel events (Possibly lost samples): some calls may be missing");
        }
        if (probesAttached != null && probesAttached == 0) {
            notes.add("the analyzer could attach none of its kernel probes: this kernel is not supported, nothing was traced");
        }
        int k = linesPerCall();
        if (k > 1) {
            notes.add("the analyzer logged each call " + k + " times (one per kernel probe); each is counted once");
        }
        return notes;
    }

    long lines() {
        return lines;
    }
}
