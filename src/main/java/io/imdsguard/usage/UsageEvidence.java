package io.imdsguard.usage;

import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.EvidenceFormatException;
import io.imdsguard.evidence.HostEvidence;

/** {@code usage --output DIR}: each read instance's counts merged into its evidence file. */
public final class UsageEvidence {
    private UsageEvidence() {
    }

    /**
     * Writes the CloudWatch part of every instance that was read, keeping any trace part already in
     * its file. Instances left unread by a gap are not written: their old counts, if any, stay.
     *
     * @return how many files were written
     */
    public static int write(UsageResult result, EvidenceDirectory dir) throws EvidenceFormatException {
        int written = 0;
        for (InstanceUsage u : result.instances()) {
            if (u.read()) {
                dir.merge(HostEvidence.of(u.instanceId(), u.account(), u.region()).withUsage(u.counts()));
                written++;
            }
        }
        return written;
    }
}
