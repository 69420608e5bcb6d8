package io.imdsguard.enforce.instances;

import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.report.ReportFile;
import io.imdsguard.trace.TraceSummary;

import java.util.HashMap;
import java.util.Map;

/**
 * The IMDSv1 usage evidence a report carries: a scan run with {@code --evidence} attached each
 * instance's traced callers and CloudWatch counts to its findings, so enforcing {@code --from-report}
 * refuses the same hosts the report warned about, with or without the evidence directory at hand.
 */
public final class ReportEvidence {
    private ReportEvidence() {
    }

    /** Each instance's evidence as the report's findings hold it; instances without any are absent. */
    public static Map<String, HostEvidence> of(ReportFile report) {
        Map<String, HostEvidence> byInstance = new HashMap<>();
        for (ReportFile.Finding f : report.findings()) {
            if (!"ec2-instance".equals(f.resourceType()) || f.imdsV1Callers() == null && f.metadataNoToken() == null
                    || byInstance.containsKey(f.resourceId())) {
                continue;
            }
            HostEvidence evidence = HostEvidence.of(f.resourceId(), f.account(), f.region());
            if (f.imdsV1Callers() != null) {
                evidence = evidence.withTrace(null, null, new TraceSummary(f.imdsV1Callers(), 0, 0));
            }
            if (f.metadataNoToken() != null) {
                evidence = evidence.withUsage(f.metadataNoToken());
            }
            byInstance.put(f.resourceId(), evidence);
        }
        return byInstance;
    }

    /**
     * The report's evidence under the directory's: the directory is what the user pointed at now, so
     * each part it holds wins, and the report fills in only the parts it lacks.
     */
    public static Map<String, HostEvidence> under(Map<String, HostEvidence> fromReport,
                                                  Map<String, HostEvidence> fromDirectory) {
        Map<String, HostEvidence> combined = new HashMap<>(fromReport);
        fromDirectory.forEach((id, dir) -> combined.merge(id, dir, (report, newer) -> {
            HostEvidence merged = newer;
            if (newer.trace().isEmpty() && report.trace().isPresent()) {
                merged = merged.withTrace(report.run(), report.collectedAt(), report.trace().get());
            }
            return newer.metadataNoToken() == null && report.metadataNoToken() != null
                    ? merged.withUsage(report.metadataNoToken()) : merged;
        }));
        return combined;
    }
}
