package io.imdsguard.suppress;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.Suppression;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a suppressions file. Every key but {@code reason} is optional and all that are given
 * must match; the loader refuses an entry that gives none, since it would suppress every finding.
 *
 * @param name    {@code FILE#N}, the N-th entry (from 1), as reports show it
 * @param where   {@code FILE:LINE} of the entry, for warnings
 * @param expires the last day (UTC) the entry applies, or null for never
 */
public record SuppressionEntry(String name, String where, String ruleId, String resourceId, String account,
                               String region, TagMatch tag, String reason, LocalDate expires) {
    public SuppressionEntry {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a suppression needs a reason");
        }
        if (ruleId == null && resourceId == null && account == null && region == null && tag == null) {
            throw new IllegalArgumentException("a suppression needs at least one key to match");
        }
    }

    /**
     * Whether this entry names {@code finding}. {@code resourceId} matches the resource's id or its ARN;
     * {@code tags} are the resource's tags (empty when it has none, as region defaults have not).
     */
    public boolean matches(Finding finding, Map<String, String> tags) {
        return (ruleId == null || ruleId.equals(finding.ruleId()))
                && (resourceId == null || resourceId.equals(finding.resource().id())
                        || resourceId.equals(finding.resource().arn()))
                && (account == null || account.equals(finding.account()))
                && (region == null || region.equals(finding.region()))
                && (tag == null || tag.matches(tags));
    }

    /** Whether the entry has stopped applying by {@code today}: the day after {@code expires} or later. */
    public boolean expiredBy(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** The mark a finding it suppresses carries. */
    public Suppression suppression() {
        return new Suppression(reason, expires, name);
    }

    /** The keys it matches on, as a reader would write them: {@code ruleId IMDS-001, tag Team=payments}. */
    public String keys() {
        List<String> keys = new ArrayList<>();
        add(keys, "ruleId", ruleId);
        add(keys, "resourceId", resourceId);
        add(keys, "account", account);
        add(keys, "region", region);
        add(keys, "tag", tag == null ? null : tag.toString());
        return String.join(", ", keys);
    }

    private static void add(List<String> keys, String key, String value) {
        if (value != null) {
            keys.add(key + " " + value);
        }
    }
}
