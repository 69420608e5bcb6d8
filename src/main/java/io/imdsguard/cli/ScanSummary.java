package io.imdsguard.cli;

import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.Gate;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.inventory.Snapshot;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The one line a scan prints to stderr, so CI logs show the outcome whatever the report format. */
final class ScanSummary {
    private ScanSummary() {
    }

    /**
     * What the gate weighed, for the summary's wording.
     *
     * @param failOn       the {@code --fail-on} value as given
     * @param newOnly      {@code --fail-on-new}
     * @param suppressions a suppressions file was applied (the count is shown even when 0)
     * @param baseline     a baseline was compared with (new, existing and resolved are counted)
     */
    record Policy(String failOn, boolean newOnly, boolean suppressions, boolean baseline) {
    }

    static String line(ScanResult result, Snapshot snapshot, Gate.Outcome outcome, String failOn) {
        return line(result, snapshot, outcome, new Policy(failOn, false, false, false));
    }

    static String line(ScanResult result, Snapshot snapshot, Gate.Outcome outcome, Policy policy) {
        String counts = result.countsBySeverity().entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        long suppressed = result.suppressedCount();
        String threshold = "--fail-on " + policy.failOn().toLowerCase(Locale.ROOT)
                + (policy.newOnly() ? " --fail-on-new" : "");
        String verdict = switch (outcome) {
            case FAILED -> "gate FAILED (" + threshold + ")";
            case INCOMPLETE -> "gate passed, scan INCOMPLETE: " + result.gaps().size() + " collection gap(s)";
            case PASSED -> "gate passed (" + threshold + ")";
        };
        String baseline = policy.baseline() ? String.format(Locale.ROOT, "; baseline: %d new, %d existing, %d resolved",
                status(result, Finding.NEW), status(result, Finding.EXISTING), result.resolved().size()) : "";
        double seconds = Duration.between(result.startedAt(), result.finishedAt()).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "imdsguard: scanned %d instances in %d region(s): %s%s%s; %s; %.1fs",
                snapshot.instanceCount(), result.regions().size(), counts,
                suppressed > 0 || policy.suppressions() ? " (" + suppressed + " suppressed)" : "", baseline, verdict,
                seconds);
    }

    private static long status(ScanResult result, String status) {
        return result.findings().stream().filter(f -> status.equals(f.status())).count();
    }

    /** What {@code --evidence} brought: how many instances it knew, and how many findings it reached. */
    static String evidenceLine(Map<String, HostEvidence> evidence, ScanResult result) {
        long traced = evidence.values().stream().filter(e -> e.trace().isPresent()).count();
        long counted = evidence.values().stream().filter(e -> e.metadataNoToken() != null).count();
        long findings = result.findings().stream().filter(ScanSummary::hasUsage).count();
        return "imdsguard: evidence for " + count(evidence.size(), "instance") + " (" + traced + " traced, " + counted
                + " with CloudWatch counts), added to " + count(findings, "finding");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static boolean hasUsage(Finding f) {
        return f.evidence() instanceof InstanceEvidence e && (e.imdsV1Callers() != null || e.metadataNoToken() != null);
    }
}
