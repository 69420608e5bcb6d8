package io.imdsguard.usage;

import io.imdsguard.evidence.MetadataNoTokenCounts;

/**
 * One instance and what CloudWatch counted for it.
 *
 * @param name   the Name tag, or null
 * @param state  the EC2 state name when listed (running, stopped, ...)
 * @param counts null when the counts could not be read (a gap of the region says why); its
 *               {@code calls}/{@code rejected} are null when CloudWatch has no data point
 */
public record InstanceUsage(String account, String region, String instanceId, String name, String state,
                            MetadataNoTokenCounts counts) {

    public boolean read() {
        return counts != null;
    }

    /** {@code MetadataNoToken} over the window; null when not read or no data. */
    public Long calls() {
        return counts == null ? null : counts.calls();
    }

    /** {@code MetadataNoTokenRejected} over the window; null when not read or no data. */
    public Long rejected() {
        return counts == null ? null : counts.rejected();
    }

    InstanceUsage withCounts(MetadataNoTokenCounts newCounts) {
        return new InstanceUsage(account, region, instanceId, name, state, newCounts);
    }
}
