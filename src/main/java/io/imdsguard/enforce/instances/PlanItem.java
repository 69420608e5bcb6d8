package io.imdsguard.enforce.instances;

import io.imdsguard.enforce.MetadataSettings;

/**
 * One target of {@code enforce instances} and what is decided, then done, about it.
 *
 * @param now        its options as described; null when it was not found
 * @param then       the options a change sends (every field); null when no change is made
 * @param ec2State   its EC2 state when found
 * @param detail     for people: why refused, AWS's error, "forced"; may be null
 * @param noEvidence no evidence of IMDSv1 use (or its absence) was found for it: the reminder mark
 */
public record PlanItem(String account, String region, String instanceId, String name, String ec2State,
                       MetadataSettings now, MetadataSettings then, Outcome outcome, String detail, boolean noEvidence) {

    public boolean isChange() {
        return then != null;
    }

    public PlanItem with(Outcome newOutcome, String newDetail) {
        return new PlanItem(account, region, instanceId, name, ec2State, now, then, newOutcome, newDetail, noEvidence);
    }

    /** The same item with the options read back after the change. */
    public PlanItem readBack(MetadataSettings after, Outcome newOutcome, String newDetail) {
        return new PlanItem(account, region, instanceId, name, ec2State, after == null ? now : after, then, newOutcome,
                newDetail, noEvidence);
    }

    static PlanItem of(InstanceState s, MetadataSettings then, Outcome outcome, String detail, boolean noEvidence) {
        return new PlanItem(s.account(), s.region(), s.instanceId(), s.name(), s.ec2State(), s.settings(), then, outcome,
                detail, noEvidence);
    }

    static PlanItem missing(String account, String region, String instanceId, String name, Outcome outcome,
                            String detail) {
        return new PlanItem(account, region, instanceId, name, null, null, null, outcome, detail, false);
    }
}
