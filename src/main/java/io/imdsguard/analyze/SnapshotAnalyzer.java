package io.imdsguard.analyze;

import io.imdsguard.analyze.iam.S3AccessAnalyzer;
import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.analyze.network.NetworkAnalysis;
import io.imdsguard.analyze.network.ReachabilityAnalyzer;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analysis stage: runs the network analyzer once per region and the S3 access analyzer once per
 * (account, instance profile) in use, and records the results as an {@link Analysis}.
 */
public final class SnapshotAnalyzer {
    private final ExposureSettings exposure;

    /** @param exposure what counts as the internet at large (config: trusted CIDRs, minimum addresses) */
    public SnapshotAnalyzer(ExposureSettings exposure) {
        this.exposure = exposure;
    }

    public Analysis analyze(Snapshot snapshot) {
        // 1. network, per region: regions are independent, so they are analysed in parallel
        ReachabilityAnalyzer reachability = new ReachabilityAnalyzer(exposure);
        Map<String, NetworkAnalysis> network = new ConcurrentHashMap<>();
        snapshot.regionInventories().parallelStream().forEach(region -> network.put(
                Analysis.regionKey(region.account(), region.region()), reachability.analyze(region)));

        // 2. S3 read, per instance profile in use
        return new Analysis(network, s3Read(snapshot));
    }

    /**
     * The S3 read access of every instance profile in use, keyed by {@link Analysis#profileKey}: one
     * analyzer for the scan, so each account's IAM, bucket policies and organization policies are
     * indexed once.
     */
    public Map<String, S3ReadAccess> s3Read(Snapshot snapshot) {
        S3AccessAnalyzer s3 = new S3AccessAnalyzer();
        Map<String, AccountInventory> accounts = new HashMap<>();
        snapshot.accountInventories().forEach(a -> accounts.putIfAbsent(a.account(), a));
        Map<String, S3ReadAccess> s3Read = new HashMap<>();
        Set<String> asked = new HashSet<>();
        for (RegionInventory region : snapshot.regionInventories()) {
            AccountInventory account = accounts.computeIfAbsent(region.account(), SnapshotAnalyzer::noIam);
            for (Instance instance : region.instances()) {
                String profile = instance.iamInstanceProfileArn();
                String key = Analysis.profileKey(region.account(), profile);
                if (profile != null && asked.add(key)) {
                    s3.analyze(account, profile).ifPresent(a -> s3Read.put(key, a));
                }
            }
        }
        return s3Read;
    }

    /** An account with regions in the snapshot but no IAM inventory: no profile can be resolved there. */
    private static AccountInventory noIam(String account) {
        return new AccountInventory(account, List.of(), List.of(), List.of(), List.of());
    }
}
