package io.imdsguard.rules;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.evidence.RuleDetails;
import io.imdsguard.rules.facts.RuleHit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns rule hits into findings: one finding per (rule, resource), its severity, title and
 * remediation from the rule's metadata, its evidence from the analysis results behind the facts.
 */
public final class FindingBuilder {
    /** Severity first (most severe on top), then rule, account, region and resource id. */
    public static final Comparator<Finding> ORDER = FindingBuilder::compare;

    private FindingBuilder() {
    }

    /**
     * {@link #ORDER}, written out: a chain of {@code Comparator.comparing} calls a lambda per key and per
     * comparison, which cost a scan of 75,000 findings about 0.1 s of CPU under the quick JIT. A missing
     * account or region sorts as the empty string. The last keys only tell apart what a user rule's odd
     * resource keys can make alike ({@code x} and {@code /x}: no account and an empty one), so that no two
     * findings of one scan ever compare equal and the order never depends on the session's.
     */
    private static int compare(Finding a, Finding b) {
        int c = a.severity().compareTo(b.severity());
        if (c == 0) {
            c = a.ruleId().compareTo(b.ruleId());
        }
        if (c == 0) {
            c = Objects.toString(a.account(), "").compareTo(Objects.toString(b.account(), ""));
        }
        if (c == 0) {
            c = Objects.toString(a.region(), "").compareTo(Objects.toString(b.region(), ""));
        }
        if (c == 0) {
            c = a.resource().id().compareTo(b.resource().id());
        }
        if (c == 0) {
            c = Objects.toString(a.resource().type(), "").compareTo(Objects.toString(b.resource().type(), ""));
        }
        if (c == 0) {
            c = Boolean.compare(a.account() != null, b.account() != null);
        }
        return c != 0 ? c : Boolean.compare(a.region() != null, b.region() != null);
    }

    public static List<Finding> build(List<RuleHit> hits, FactSet facts, CompiledRules rules) {
        // The session gives its hits in no particular order: grouped by hash, each group ordered on its own,
        // and the findings sorted, so the report does not depend on it.
        Map<Target, List<RuleHit>> grouped = new HashMap<>();
        for (RuleHit hit : hits) {
            grouped.computeIfAbsent(new Target(hit.ruleId(), hit.resourceKey()), k -> new ArrayList<>(1)).add(hit);
        }
        List<Finding> findings = new ArrayList<>(grouped.size());
        grouped.forEach((target, group) -> findings.add(
                finding(target.ruleId(), target.resourceKey(), new Hits(group), facts, rules)));
        findings.sort(ORDER);
        return findings;
    }

    private static Finding finding(String ruleId, String resourceKey, Hits hits, FactSet facts, CompiledRules rules) {
        RuleMetadata meta = rules.rule(ruleId).orElseThrow(
                () -> new IllegalStateException("a rule hit names @id " + ruleId + ", which no loaded rule declares"));
        FactSet.InstanceContext instance = facts.instances().get(resourceKey);
        if (instance != null) {
            ResourceRef ref = new ResourceRef(ResourceRef.EC2_INSTANCE, instance.instance().instanceId(),
                    instance.instance().name(), arn(instance));
            return new Finding(ruleId, meta.severity(), meta.title(), instance.account(), instance.region(), ref,
                    EvidenceBuilder.instance(instance, hits.details, hits.s3ReadNote),
                    remediation(meta, ref.id(), instance.region()), false, Finding.NEW);
        }
        FactSet.RegionContext region = facts.regions().get(resourceKey);
        if (region != null) {
            ResourceRef ref = new ResourceRef(ResourceRef.EC2_REGION_DEFAULTS, region.region(), null, null);
            return new Finding(ruleId, meta.severity(), meta.title(), region.account(), region.region(), ref,
                    EvidenceBuilder.region(region, hits.details), remediation(meta, ref.id(), region.region()), false,
                    Finding.NEW);
        }
        // A user rule keyed its hit on something else: report it as is rather than dropping it.
        String[] parts = resourceKey.split("/", 3);
        ResourceRef ref = new ResourceRef("unknown", parts[parts.length - 1], null, null);
        return new Finding(ruleId, meta.severity(), meta.title(), parts.length > 1 ? parts[0] : null,
                parts.length > 2 ? parts[1] : null, ref, new RuleDetails(hits.details), meta.remediation(), false,
                Finding.NEW);
    }

    /** From the region inventory's account and region, which a hand-written snapshot's instances may omit. */
    private static String arn(FactSet.InstanceContext c) {
        return "arn:aws:ec2:" + c.region() + ":" + c.account() + ":instance/" + c.instance().instanceId();
    }

    /**
     * The rule's remediation with {@code {id}} and {@code {region}} filled in, so the command in it can
     * be pasted as it is.
     */
    private static String remediation(RuleMetadata meta, String id, String region) {
        return meta.remediation().replace("{id}", id).replace("{region}", region);
    }

    /** One rule on one resource. */
    private record Target(String ruleId, String resourceKey) {
    }

    /**
     * The hits of one rule on one resource: their distinct details in order and the S3 read note of the
     * first hit that has one, hits ordered by detail, then note.
     */
    private static final class Hits {
        private static final Comparator<RuleHit> BY_DETAIL_THEN_NOTE = Comparator
                .comparing((RuleHit h) -> Objects.toString(h.detail(), ""))
                .thenComparing(h -> Objects.toString(h.s3ReadNote(), ""));

        final List<String> details = new ArrayList<>();
        String s3ReadNote;

        Hits(List<RuleHit> group) {
            if (group.size() > 1) {
                group.sort(BY_DETAIL_THEN_NOTE);
            }
            for (RuleHit hit : group) {
                if (hit.detail() != null && !details.contains(hit.detail())) {
                    details.add(hit.detail());
                }
                if (s3ReadNote == null) {
                    s3ReadNote = hit.s3ReadNote();
                }
            }
        }
    }
}
