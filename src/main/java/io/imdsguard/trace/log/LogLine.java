package io.imdsguard.trace.log;

import io.imdsguard.trace.ProcessRef;

import java.util.List;

/**
 * One analyzer log line, read. Holds nothing of the request but its path: the headers (where a
 * token can be) are never kept.
 *
 * @param kind           what the line is
 * @param time           the log time, ISO-8601 local ({@code 2026-03-02T10:01:10.500}), null when the line had none
 * @param level          the logging level as written ({@code WARNING}, {@code INFO}, ...), null when none
 * @param missingPayload the analyzer saw the call but not its request ({@code {MISSING PAYLOAD}})
 * @param chain          for a call: the calling process first, then its parents
 * @param path           for a call: the request path without its query, null when not logged
 * @param number         for {@link Kind#LOST_SAMPLES}: how many
 * @param probe          for {@link Kind#PROBE_FAILED}: the kernel function
 */
record LogLine(Kind kind, String time, String level, boolean missingPayload, List<ProcessRef> chain, String path,
               long number, String probe) {

    enum Kind {
        /** A call without a session token: {@code IMDSv1(!)}, and {@code {MISSING PAYLOAD}} lines. */
        V1_CALL,
        /** A call with a token (analyzer 1.0 and 1.5 on write these). */
        V2_CALL,
        /** BCC's {@code Possibly lost N samples}: calls may be missing. */
        LOST_SAMPLES,
        /** The analyzer is about to attach its kernel probes. */
        PROBE_START,
        /** A kernel probe the analyzer could not attach (this kernel lacks the function). */
        PROBE_FAILED,
        /** Something else the analyzer says about itself (start-up, log folder). */
        ANALYZER_INFO,
        /** A line this parser cannot read. */
        UNPARSED,
        /** An empty line. */
        BLANK
    }

    static LogLine of(Kind kind) {
        return new LogLine(kind, null, null, false, List.of(), null, 0, null);
    }

    boolean isCall() {
        return kind == Kind.V1_CALL || kind == Kind.V2_CALL;
    }

    /** The time to the second: the duplicates of one call share it. */
    String second() {
        return time == null ? "" : time.substring(0, Math.min(19, time.length()));
    }

    /** What the duplicates of one call have in common: everything read from the line but its time. */
    Object sameCallKey() {
        return List.of(kind, String.valueOf(level), missingPayload, chain, String.valueOf(path));
    }
}
