package io.imdsguard.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * CloudWatch's count of one instance's IMDS calls without a token over a window. Zero calls is
 * evidence, not proof: a monthly job can fall outside the window.
 *
 * @param days     the window's length
 * @param from     the window's start
 * @param to       the window's end (when it was read)
 * @param calls    {@code MetadataNoToken}: calls answered without a token; null when CloudWatch has no data
 * @param rejected {@code MetadataNoTokenRejected}: calls refused because IMDSv1 is off; null when no data
 */
@JsonPropertyOrder({"days", "from", "to", "calls", "rejected"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetadataNoTokenCounts(int days, Instant from, Instant to, Long calls, Long rejected) {

    /** Whether CloudWatch saw an IMDSv1 call in the window. */
    public boolean sawCalls() {
        return calls != null && calls > 0;
    }
}
