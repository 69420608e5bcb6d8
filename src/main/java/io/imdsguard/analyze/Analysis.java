package io.imdsguard.analyze;

import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.NetworkAnalysis;

import java.util.List;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the analyzers derived from a snapshot, before any rule sees it: the network analysis of each
 * region and the S3 read access of each instance profile. Fact assembly only maps a snapshot plus
 * an Analysis into rule facts, so a rule test can hand the rules a recorded Analysis instead of
 * building the fixtures that would produce it.
 *
 * @param network keyed by {@link #regionKey(String, String)}; a region without an entry has no
 *                reachable instance and no load-balancer forward
 * @param s3Read  keyed by {@link #profileKey(String, String)}; a profile without an entry is not in
 *                the account's IAM inventory (or has no role), so nothing is known of its S3 access
 */
public record Analysis(Map<String, NetworkAnalysis> network, Map<String, S3ReadAccess> s3Read) {
    private static final NetworkAnalysis NOTHING_REACHABLE = new NetworkAnalysis(Map.of(), List.of());

    public Analysis {
        // Not Map.copyOf: its open addressing degrades badly on ids that share long prefixes
        // (i-0..., account/region/i-...), which made copying 100k keys cost seconds; a HashMap spreads them.
        network = Collections.unmodifiableMap(new HashMap<>(network));
        s3Read = Collections.unmodifiableMap(new HashMap<>(s3Read));
    }

    public NetworkAnalysis network(String account, String region) {
        return network.getOrDefault(regionKey(account, region), NOTHING_REACHABLE);
    }

    public Optional<S3ReadAccess> s3Read(String account, String instanceProfileArn) {
        return instanceProfileArn == null ? Optional.empty()
                : Optional.ofNullable(s3Read.get(profileKey(account, instanceProfileArn)));
    }

    public static String regionKey(String account, String region) {
        return account + "/" + region;
    }

    public static String profileKey(String account, String instanceProfileArn) {
        return account + "|" + instanceProfileArn;
    }
}
