package io.imdsguard.trace;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What the packet analyzer's log says about one host: the IMDSv1 callers, how many IMDSv2 calls it
 * saw (logged from analyzer 1.5 on; 0 before), and how many lines could not be read. This is the
 * JSON form of {@code trace parse}.
 */
@JsonPropertyOrder({"v1Callers", "v2Calls", "unparsed"})
public record TraceSummary(List<V1Caller> v1Callers, long v2Calls, long unparsed) {
    public TraceSummary {
        v1Callers = v1Callers == null ? List.of() : List.copyOf(v1Callers);
    }

    /** Calls without a token, over every caller. */
    public long v1Calls() {
        return v1Callers.stream().mapToLong(V1Caller::calls).sum();
    }
}
