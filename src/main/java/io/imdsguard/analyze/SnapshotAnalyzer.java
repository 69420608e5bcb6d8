package io.imdsguard.analyze;

import io.imdsguard.Parallel;
import io.imdsguard.analyze.iam.S3AccessAnalyzer;
import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.analyze.network.NetworkAnalysis;
import io.imdsguard.analyze.network.ReachabilityAnalyzer;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analysis stage: runs the network analyzer once per region and the S3 access analyzer once per
 * (account, instance profile) in use, and records the results as an {@link Analysis}.
 */
public final class SnapshotAnalyzer {
    /** Profiles one thread analyses at a time: enough to keep an account on one thread, small enough to share 400 of one. */
    private static final int PROFILES_PER_BATCH = 32;

    private final ExposureSettings exposure;

    /** @param exposure what counts as the internet at large (config: trusted CIDRs, minimum addresses) */
    public SnapshotAnalyzer(ExposureSettings exposure) {
        this.exposure = exposure;
    }

    public Analysis analyze(Snapshot snapshot) {
        // Network per region and S3 read per instance profile are independent of each other and among
        // themselves, so they run as one parallel pass: the regions' network analysis and the profiles'
        // IAM evaluation then share the cores instead of taking turns.
        ReachabilityAnalyzer reachability = new ReachabilityAnalyzer(exposure);
        S3AccessAnalyzer s3 = new S3AccessAnalyzer();
        Map<String, NetworkAnalysis> network = new ConcurrentHashMap<>();
        Map<String, S3ReadAccess> s3Read = new ConcurrentHashMap<>();
        List<Runnable> work = new ArrayList<>();
        // Biggest first (Parallel): regions by instance count, then the profiles in small batches.
        List<RegionInventory> regions = new ArrayList<>(snapshot.regionInventories());
        regions.sort(Comparator.comparingInt((RegionInventory r) -> r.instances().size()).reversed());
        for (RegionInventory region : regions) {
            work.add(() -> network.put(Analysis.regionKey(region.account(), region.region()), reachability.analyze(region)));
        }
        for (List<Map.Entry<String, ProfileInUse>> batch : byAccount(profilesInUse(snapshot))) {
            work.add(() -> batch.forEach(e -> s3.analyze(e.getValue().account(), e.getValue().arn())
                    .ifPresent(a -> s3Read.put(e.getKey(), a))));
        }
        Parallel.map(work, piece -> {
            piece.run();
            return piece;
        });
        return new Analysis(network, s3Read);
    }

    /**
     * The S3 read access of every instance profile in use, keyed by {@link Analysis#profileKey}: one
     * analyzer for the scan, so each account's IAM, bucket policies and organization policies are
     * indexed once.
     */
    public Map<String, S3ReadAccess> s3Read(Snapshot snapshot) {
        S3AccessAnalyzer s3 = new S3AccessAnalyzer();
        Map<String, S3ReadAccess> s3Read = new HashMap<>();
        profilesInUse(snapshot).forEach((key, profile) -> s3.analyze(profile.account(), profile.arn())
                .ifPresent(a -> s3Read.put(key, a)));
        return s3Read;
    }

    /**
     * The profiles in batches of one account each, at most {@link #PROFILES_PER_BATCH} long. A thread then
     * indexes an account's policies and asks for its roles on its own: with a piece per profile, both
     * threads met at each account's first profile and one waited while the other indexed the account.
     */
    private static List<List<Map.Entry<String, ProfileInUse>>> byAccount(Map<String, ProfileInUse> profiles) {
        List<List<Map.Entry<String, ProfileInUse>>> batches = new ArrayList<>();
        List<Map.Entry<String, ProfileInUse>> batch = new ArrayList<>();
        for (Map.Entry<String, ProfileInUse> e : profiles.entrySet()) {
            if (!batch.isEmpty() && (batch.size() == PROFILES_PER_BATCH
                    || batch.get(0).getValue().account() != e.getValue().account())) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** An instance profile some instance uses, with the inventory of the account it is in. */
    private record ProfileInUse(AccountInventory account, String arn) {
    }

    /** Every instance profile in use, once each, keyed by {@link Analysis#profileKey}, in snapshot order. */
    private static Map<String, ProfileInUse> profilesInUse(Snapshot snapshot) {
        Map<String, AccountInventory> accounts = new HashMap<>();
        snapshot.accountInventories().forEach(a -> accounts.putIfAbsent(a.account(), a));
        Map<String, ProfileInUse> profiles = new LinkedHashMap<>();
        for (RegionInventory region : snapshot.regionInventories()) {
            AccountInventory account = accounts.computeIfAbsent(region.account(), SnapshotAnalyzer::noIam);
            for (Instance instance : region.instances()) {
                String profile = instance.iamInstanceProfileArn();
                if (profile != null) {
                    profiles.putIfAbsent(Analysis.profileKey(region.account(), profile), new ProfileInUse(account, profile));
                }
            }
        }
        return profiles;
    }

    /** An account with regions in the snapshot but no IAM inventory: no profile can be resolved there. */
    private static AccountInventory noIam(String account) {
        return new AccountInventory(account, List.of(), List.of(), List.of(), List.of());
    }
}
