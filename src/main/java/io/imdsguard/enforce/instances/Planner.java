package io.imdsguard.enforce.instances;

import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.evidence.HostEvidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides, per target, what {@code enforce instances} does: nothing for a compliant or vanished one, a
 * refusal when evidence shows IMDSv1 use, else the change. No AWS call is made here.
 */
public final class Planner {
    /** Evidence by instance id ({@code EvidenceDirectory.readAll()}); null when no --evidence was given. */
    private final Map<String, HostEvidence> evidence;
    private final boolean force;

    public Planner(Map<String, HostEvidence> evidence, boolean force) {
        this.evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
        this.force = force;
    }

    /** An instance asked for by id, in the regions it is looked for in. */
    public record Wanted(String instanceId, String name, List<String> regions) {
    }

    /**
     * The plan for instances asked for by id: each found one decided, the rest vanished. {@code found} holds
     * what the regions' DescribeInstances returned, by region then id.
     */
    public List<PlanItem> plan(String account, List<Wanted> wanted, Map<String, Map<String, InstanceState>> found) {
        List<PlanItem> items = new ArrayList<>();
        for (Wanted w : wanted) {
            InstanceState state = w.regions().stream().map(r -> found.getOrDefault(r, Map.of()).get(w.instanceId()))
                    .filter(s -> s != null).findFirst().orElse(null);
            if (state == null) {
                items.add(PlanItem.missing(account, String.join(",", w.regions()), w.instanceId(), w.name(),
                        Outcome.VANISHED, "not found in " + String.join(", ", w.regions())));
            } else if (state.gone()) {
                items.add(PlanItem.of(state, null, Outcome.VANISHED, state.ec2State(), false));
            } else {
                items.add(decide(state));
            }
        }
        return items;
    }

    /** The decision for one instance that exists. */
    public PlanItem decide(InstanceState state) {
        MetadataSettings now = state.settings();
        if (now.requiresTokens()) {
            return PlanItem.of(state, null, Outcome.ALREADY_COMPLIANT, null, false);
        }
        // An endpoint turned off stays off: turning IMDS on to require tokens would widen exposure.
        String endpoint = MetadataSettings.DISABLED.equals(now.httpEndpoint()) ? MetadataSettings.DISABLED
                : MetadataSettings.ENABLED;
        MetadataSettings then = now.with(MetadataSettings.REQUIRED, endpoint);
        HostEvidence mine = EvidenceVerdict.matching(evidence.get(state.instanceId()), state);
        boolean known = EvidenceVerdict.known(mine);
        String refusal = EvidenceVerdict.refusal(mine);
        if (refusal != null && !force) {
            return PlanItem.of(state, null, Outcome.REFUSED, refusal + " (--force changes it anyway)", false);
        }
        return PlanItem.of(state, then, Outcome.CHANGE, refusal == null ? null : "forced: " + refusal, !known);
    }
}
