package io.imdsguard.report;

import io.imdsguard.evidence.MetadataNoTokenCounts;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.trace.V1Caller;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sentence that says who still uses IMDSv1 on a finding's instance, from its traced callers
 * and CloudWatch counts: "IMDSv1 used by /usr/local/bin/legacy-agent (14 calls)". The table's
 * why-line, the SARIF message and a JUnit property all say it the same way.
 */
final class UsageText {
    /** Callers named before "+N more": enough to act on, short enough for a table row. */
    private static final int NAMED = 2;

    private UsageText() {
    }

    /** The sentence, or "" when nothing is known of the instance's IMDSv1 use. */
    static String of(Finding f) {
        if (!(f.evidence() instanceof InstanceEvidence e)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (e.imdsV1Callers() != null) {
            parts.add(callers(e.imdsV1Callers()));
        }
        MetadataNoTokenCounts counts = e.metadataNoToken();
        if (counts != null && counts.calls() != null) {
            parts.add(counts.calls() == 0 ? "CloudWatch: no IMDSv1 calls in " + days(counts)
                    : "CloudWatch: " + calls(counts.calls()) + " without a token in " + days(counts));
        }
        return String.join("; ", parts);
    }

    private static String callers(List<V1Caller> callers) {
        if (callers.isEmpty()) {
            return "no IMDSv1 caller traced";
        }
        List<V1Caller> busiest = callers.stream().sorted(Comparator.comparingLong(V1Caller::calls).reversed()).toList();
        List<String> named = busiest.stream().limit(NAMED).map(c -> c.displayName() + " (" + calls(c.calls()) + ")").toList();
        String more = busiest.size() > NAMED ? " (+" + (busiest.size() - NAMED) + " more)" : "";
        return "IMDSv1 used by " + String.join(", ", named) + more;
    }

    private static String calls(long n) {
        return n + (n == 1 ? " call" : " calls");
    }

    private static String days(MetadataNoTokenCounts counts) {
        return counts.days() + (counts.days() == 1 ? " day" : " days");
    }
}
