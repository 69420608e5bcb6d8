package io.imdsguard.rules;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.evidence.RuleDetails;
import io.imdsguard.rules.facts.RuleHit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns rule hits into findings: one finding per (rule, resource), its severity, title and
 * remediation from the rule's metadata, its evidence from the analysis results behind the facts.
 */
public final class FindingBuilder {
    /** Severity first (most severe on top), then rule, account, region and resource id. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::ruleId)
            .thenComparing(f -> Objects.toString(f.account(), ""))
            .thenComparing(f -> Objects.toString(f.region(), ""))
            .thenComparing(f -> f.resource().id());

    private FindingBuilder() {
    }

    public static List<Finding> build(List<RuleHit> hits, FactSet facts, CompiledRules rules) {
        Map<List<String>, Hits> grouped = new LinkedHashMap<>();
        for (RuleHit hit : hits) {
            grouped.computeIfAbsent(List.of(hit.ruleId(), hit.resourceKey()), k -> new Hits()).add(hit);
        }
        List<Finding> findings = new ArrayList<>();
        grouped.forEach((key, group) -> findings.add(finding(key.get(0), key.get(1), group, facts, rules)));
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

    /** The hits of one rule on one resource: their distinct details, in order, and the first S3 read note. */
    private static final class Hits {
        final List<String> details = new ArrayList<>();
        String s3ReadNote;

        void add(RuleHit hit) {
            if (hit.detail() != null && !details.contains(hit.detail())) {
                details.add(hit.detail());
            }
            if (s3ReadNote == null) {
                s3ReadNote = hit.s3ReadNote();
            }
        }
    }
}
