package io.imdsguard.scan;

import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingFilter;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.trace.V1Caller;

import java.util.List;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Puts each instance's evidence of IMDSv1 use ({@code scan --evidence DIR}: traced callers and
 * CloudWatch counts) into its findings, so a report says who would break if IMDSv1 were turned off.
 * It adds evidence only; severity and the gate are the rules' business.
 */
public final class HostEvidenceFilter implements FindingFilter {
    private static final String INSTANCE = "ec2-instance";

    private final Map<String, HostEvidence> byInstance;

    /** @param byInstance evidence by instance id, as {@code EvidenceDirectory.readAll()} gives it */
    public HostEvidenceFilter(Map<String, HostEvidence> byInstance) {
        // Not Map.copyOf: its open addressing degrades badly on ids that share long prefixes
        // (i-0..., account/region/i-...), which made copying 100k keys cost seconds; a HashMap spreads them.
        this.byInstance = Collections.unmodifiableMap(new HashMap<>(byInstance));
    }

    @Override
    public List<Finding> apply(List<Finding> findings) {
        return findings.stream().map(this::attach).toList();
    }

    private Finding attach(Finding f) {
        HostEvidence host = byInstance.get(f.resource().id());
        if (host == null || !INSTANCE.equals(f.resource().type()) || !(f.evidence() instanceof InstanceEvidence e)
                || !sameInstance(host, f)) {
            return f;
        }
        List<V1Caller> callers = host.trace().map(t -> t.v1Callers()).orElse(null);
        return f.withEvidence(e.withUsage(callers, host.metadataNoToken()));
    }

    /** A file that names another account or region is about another fleet's instance, not this one. */
    private static boolean sameInstance(HostEvidence host, Finding f) {
        return (host.account() == null || Objects.equals(host.account(), f.account()))
                && (host.region() == null || Objects.equals(host.region(), f.region()));
    }

}
