package io.imdsguard.rules.facts;

import org.kie.api.runtime.rule.RuleContext;

/**
 * What a rule's consequence records: the rule's {@code @id}, the key of the resource it matched
 * ({@link InstanceFact#key()} or {@link RegionDefaultsFact#key()}), an optional detail (e.g. the
 * load balancer ARN for IMDS-006) and an optional note on the S3 read evidence the rule relied on.
 * Rules insert it with {@code insertLogical(RuleHit.of(drools, key))} so that a hit disappears again
 * when the conditions that justified it stop holding.
 */
public record RuleHit(String ruleId, String resourceKey, String detail, String s3ReadNote) {

    public RuleHit(String ruleId, String resourceKey, String detail) {
        this(ruleId, resourceKey, detail, null);
    }

    /**
     * A hit for the rule whose consequence is running, identified by its {@code @id} metadata.
     * {@code drools} is the consequence's {@code drools} variable; it is typed {@code Object} because
     * the executable model passes its own type there (which is also a {@link RuleContext}).
     */
    public static RuleHit of(Object drools, String resourceKey) {
        return of(drools, resourceKey, null);
    }

    /** As {@link #of(Object, String)} with a detail that ends up in the finding's evidence. */
    public static RuleHit of(Object drools, String resourceKey, String detail) {
        if (!(drools instanceof RuleContext context)) {
            throw new IllegalArgumentException("RuleHit.of expects the consequence's drools variable");
        }
        Object id = context.getRule().getMetaData().get("id");
        return new RuleHit(id == null ? context.getRule().getName() : unquote(id.toString()), resourceKey, detail);
    }

    /** This hit with a sentence for the finding's {@code evidence.s3Read.note}, e.g. why a conditional grant counts. */
    public RuleHit withS3ReadNote(String note) {
        return new RuleHit(ruleId, resourceKey, detail, note);
    }

    /** The executable model keeps the DRL quotes around annotation values ({@code "IMDS-001"}). */
    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
