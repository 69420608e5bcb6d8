package io.imdsguard.rules;

import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Snapshot;

import java.util.HashSet;
import java.util.Set;

/**
 * What the snapshot's collection gaps leave unknown. A rule must not read "not collected" as "absent":
 * unread region defaults are not "no preference" (IMDS-004), unread web ACLs are not "no WAF" (IMDS-006),
 * and an instance profile missing from an unread IAM is not "has no role" (IMDS-002 vs 003).
 */
final class UnknownFacts {
    /** A whole-service failure is recorded with this operation. */
    private static final String WHOLE_SERVICE = "*";

    private final Set<String> regionDefaults = new HashSet<>();
    private final Set<String> webAcls = new HashSet<>();
    private final Set<String> iamAccounts = new HashSet<>();

    UnknownFacts(Snapshot snapshot) {
        for (CollectionGap g : snapshot.gaps()) {
            String region = g.account() + "/" + g.region();
            if ("GetInstanceMetadataDefaults".equals(g.operation()) || isWholeService(g, "ec2")) {
                regionDefaults.add(region);
            }
            if ("wafv2".equals(g.service())) {
                webAcls.add(region);
            }
            if ("iam".equals(g.service())) {
                iamAccounts.add(g.account());
            }
        }
    }

    boolean regionDefaults(String account, String region) {
        return regionDefaults.contains(account + "/" + region);
    }

    boolean webAcls(String account, String region) {
        return webAcls.contains(account + "/" + region);
    }

    boolean iam(String account) {
        return iamAccounts.contains(account);
    }

    private static boolean isWholeService(CollectionGap g, String service) {
        return service.equals(g.service()) && WHOLE_SERVICE.equals(g.operation());
    }
}
