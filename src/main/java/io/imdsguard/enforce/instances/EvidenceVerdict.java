package io.imdsguard.enforce.instances;

import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.evidence.MetadataNoTokenCounts;
import io.imdsguard.trace.V1Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What an instance's evidence says about turning IMDSv1 off: who would break, or nothing known. */
final class EvidenceVerdict {
    private static final int NAMED = 3;

    private EvidenceVerdict() {
    }

    /** The evidence of {@code target}, when there is any about this very instance (same account and region). */
    static HostEvidence matching(HostEvidence evidence, InstanceState target) {
        if (evidence == null) {
            return null;
        }
        boolean same = (evidence.account() == null || Objects.equals(evidence.account(), target.account()))
                && (evidence.region() == null || Objects.equals(evidence.region(), target.region()));
        return same ? evidence : null;
    }

    /** Whether anything is known: a trace, or CloudWatch counts with data. */
    static boolean known(HostEvidence evidence) {
        return evidence != null && (evidence.trace().isPresent()
                || evidence.metadataNoToken() != null && evidence.metadataNoToken().calls() != null);
    }

    /** Why turning IMDSv1 off would break something here, or null when the evidence shows no IMDSv1 use. */
    static String refusal(HostEvidence evidence) {
        if (evidence == null) {
            return null;
        }
        List<String> why = new ArrayList<>();
        evidence.trace().filter(t -> !t.v1Callers().isEmpty()).ifPresent(t -> why.add(callers(t.v1Callers())));
        MetadataNoTokenCounts counts = evidence.metadataNoToken();
        if (counts != null && counts.sawCalls()) {
            why.add(String.format(Locale.ROOT, "%d IMDSv1 call%s in the last %s (CloudWatch MetadataNoToken)",
                    counts.calls(), counts.calls() == 1 ? "" : "s", counts.days() == 1 ? "day" : counts.days() + " days"));
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    private static String callers(List<V1Caller> callers) {
        List<V1Caller> sorted = callers.stream().sorted((a, b) -> Long.compare(b.calls(), a.calls())).toList();
        StringBuilder s = new StringBuilder("IMDSv1 caller" + (sorted.size() == 1 ? "" : "s") + " traced: ");
        for (int i = 0; i < Math.min(NAMED, sorted.size()); i++) {
            V1Caller c = sorted.get(i);
            s.append(i == 0 ? "" : ", ").append(c.displayName()).append(" (").append(c.calls())
                    .append(c.calls() == 1 ? " call)" : " calls)");
        }
        if (sorted.size() > NAMED) {
            s.append(" +").append(sorted.size() - NAMED).append(" more");
        }
        return s.toString();
    }
}
