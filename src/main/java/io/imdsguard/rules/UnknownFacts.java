package io.imdsguard.rules;

import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.facts.UnknownFact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the snapshot's collection gaps leave unknown, as {@link UnknownFact}s. A rule must not read
 * "not collected" as "absent": unread region defaults are not "no preference" (IMDS-004), unread web
 * ACLs are not "no WAF" (IMDS-006), and an instance profile missing from an unread IAM is not "has no
 * role" (IMDS-002 vs 003).
 */
final class UnknownFacts {
    private final Map<String, UnknownFact> facts;

    private UnknownFacts(Map<String, UnknownFact> facts) {
        this.facts = facts;
    }

    static UnknownFacts of(Snapshot snapshot) {
        Map<String, UnknownFact> facts = new LinkedHashMap<>();
        for (CollectionGap g : snapshot.gaps()) {
            String cause = g.service() + " " + g.operation() + ": " + g.error();
            for (String subject : subjects(g)) {
                facts.putIfAbsent(key(g.account(), g.region(), subject), new UnknownFact(g.account(), g.region(), subject, cause));
            }
        }
        return new UnknownFacts(facts);
    }

    /** What one failed call leaves unknown. */
    private static List<String> subjects(CollectionGap g) {
        return switch (g.service()) {
            case AwsApi.EC2 -> switch (g.operation()) {
                case AwsApi.WHOLE_SERVICE -> List.of(UnknownFact.REGION_DEFAULTS, UnknownFact.INSTANCES, UnknownFact.NETWORK);
                case AwsApi.GET_INSTANCE_METADATA_DEFAULTS -> List.of(UnknownFact.REGION_DEFAULTS);
                case AwsApi.DESCRIBE_INSTANCES -> List.of(UnknownFact.INSTANCES);
                // DescribeRegions fails the whole run, so any other EC2 gap is part of the network.
                default -> List.of(UnknownFact.NETWORK);
            };
            case AwsApi.ELBV2, AwsApi.ELB -> List.of(UnknownFact.LOAD_BALANCERS);
            case AwsApi.WAFV2 -> List.of(UnknownFact.WEB_ACLS);
            case AwsApi.IAM -> List.of(UnknownFact.IAM);
            case AwsApi.S3 -> List.of(UnknownFact.BUCKETS);
            default -> List.of();
        };
    }

    List<UnknownFact> facts() {
        return List.copyOf(facts.values());
    }

    boolean isUnknown(String account, String region, String subject) {
        return facts.containsKey(key(account, region, subject));
    }

    private static String key(String account, String region, String subject) {
        return account + "/" + region + "/" + subject;
    }
}
