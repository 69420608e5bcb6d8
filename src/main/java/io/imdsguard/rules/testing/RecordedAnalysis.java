package io.imdsguard.rules.testing;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.NetworkAnalysis;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;

import java.util.HashMap;
import java.util.Map;

/**
 * Analysis results written down in a test case instead of computed, so a rule can be tested
 * without building the network and IAM fixtures that would produce them. {@code network} is keyed
 * by {@code account/region}, {@code s3Read} by instance profile ARN; what is absent is "not
 * reachable" and "no S3 read access known".
 */
public record RecordedAnalysis(Map<String, NetworkAnalysis> network, Map<String, S3ReadAccess> s3Read) {
    public RecordedAnalysis {
        network = network == null ? Map.of() : Map.copyOf(network);
        s3Read = s3Read == null ? Map.of() : Map.copyOf(s3Read);
    }

    /** The {@link Analysis} these records stand for, with each profile's answer given to every account that uses it. */
    public Analysis toAnalysis(Snapshot snapshot) {
        Map<String, S3ReadAccess> byProfile = new HashMap<>();
        for (RegionInventory region : snapshot.regionInventories()) {
            for (Instance instance : region.instances()) {
                String profile = instance.iamInstanceProfileArn();
                if (profile != null && s3Read.containsKey(profile)) {
                    byProfile.put(Analysis.profileKey(region.account(), profile), s3Read.get(profile));
                }
            }
        }
        return new Analysis(network, byProfile);
    }
}
