package io.imdsguard.rules;

import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.ExposurePath;
import io.imdsguard.analyze.network.LoadBalancerForward;
import io.imdsguard.analyze.network.NetworkAnalysis;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.InstanceProfile;
import io.imdsguard.inventory.MetadataOptions;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.facts.AlbForwardFact;
import io.imdsguard.rules.facts.ExposureFact;
import io.imdsguard.rules.facts.InstanceFact;
import io.imdsguard.rules.facts.RegionDefaultsFact;
import io.imdsguard.rules.facts.S3ReadFact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Builds rule facts from a snapshot and the analyzers' results. The analyzers are passed in
 * (the scan wires the real ReachabilityAnalyzer and S3AccessAnalyzer; tests pass hand-made results):
 * {@code network} is asked once per region, {@code s3Read} once per (account, instance profile ARN).
 */
public final class FactAssembler {
    private static final String DEFAULTS_OPERATION = "GetInstanceMetadataDefaults";
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Function<RegionInventory, NetworkAnalysis> network;
    private final BiFunction<AccountInventory, String, Optional<S3ReadAccess>> s3Read;

    public FactAssembler(Function<RegionInventory, NetworkAnalysis> network,
                         BiFunction<AccountInventory, String, Optional<S3ReadAccess>> s3Read) {
        this.network = network;
        this.s3Read = s3Read;
    }

    /**
     * One {@code RegionDefaultsFact} per region inventory; per instance an {@code InstanceFact}, an
     * {@code ExposureFact} per exposure path, an {@code S3ReadFact} when its role can read S3 and an
     * {@code AlbForwardFact} per load balancer forward; with the analyzer results kept for evidence.
     */
    public FactSet assemble(Snapshot snapshot) {
        List<Object> facts = new ArrayList<>();
        Map<String, FactSet.InstanceContext> instances = new LinkedHashMap<>();
        Map<String, FactSet.RegionContext> regions = new LinkedHashMap<>();
        Map<String, Optional<S3ReadAccess>> s3Cache = new HashMap<>();
        Set<String> unknownDefaults = snapshot.gaps().stream()
                .filter(g -> DEFAULTS_OPERATION.equals(g.operation()))
                .map(g -> RegionDefaultsFact.keyOf(g.account(), g.region()))
                .collect(Collectors.toSet());
        for (RegionInventory region : snapshot.regionInventories()) {
            String regionKey = RegionDefaultsFact.keyOf(region.account(), region.region());
            // Defaults that could not be read are unknown, not "no preference": no IMDS-004 on a gap.
            if (!unknownDefaults.contains(regionKey)) {
                facts.add(new RegionDefaultsFact(regionKey, region.account(), region.region(), region.imdsDefaults().httpTokens(),
                        region.imdsDefaults().tokensRequired(), region.imdsDefaults().httpPutResponseHopLimit(),
                        region.imdsDefaults().managedBy()));
            }
            regions.put(regionKey, new FactSet.RegionContext(region.account(), region.region(), region.imdsDefaults()));
            AccountInventory account = account(snapshot, region.account());
            NetworkAnalysis analysis = network.apply(region);
            for (Instance instance : region.instances()) {
                String key = InstanceFact.keyOf(region.account(), region.region(), instance.instanceId());
                String profile = instance.iamInstanceProfileArn();
                Optional<S3ReadAccess> s3 = profile == null ? Optional.empty()
                        : s3Cache.computeIfAbsent(region.account() + "|" + profile, k -> s3Read.apply(account, profile));
                List<ExposurePath> paths = analysis.of(instance.instanceId()).paths();
                List<LoadBalancerForward> forwards = analysis.forwards().stream()
                        .filter(f -> instance.instanceId().equals(f.instanceId())).toList();
                String roleArn = s3.map(S3ReadAccess::roleArn).orElseGet(() -> roleOf(account, profile));
                facts.add(instanceFact(key, region, instance, roleArn, hasRole(account, profile, roleArn)));
                paths.forEach(p -> facts.add(exposureFact(key, p)));
                s3.filter(S3ReadAccess::canRead).ifPresent(a -> facts.add(new S3ReadFact(key, a.roleArn(),
                        a.decision().name(), a.decision() == io.imdsguard.analyze.iam.Decision.CONDITIONAL)));
                forwards.forEach(f -> facts.add(new AlbForwardFact(key, f.loadBalancerArn(), f.loadBalancerName(),
                        f.loadBalancerType(), f.internetFacing(), f.listener(), f.webAclArn(), f.wafBlocksImdsSsrf())));
                instances.put(key, new FactSet.InstanceContext(region.account(), region.region(), instance, roleArn,
                        paths, s3, forwards));
            }
        }
        return new FactSet(facts, instances, regions);
    }

    private static InstanceFact instanceFact(String key, RegionInventory region, Instance i, String roleArn, boolean hasRole) {
        MetadataOptions m = i.metadataOptions();
        boolean usable = i.running() && m.imdsV1Usable();
        return new InstanceFact(key, region.account(), region.region(), i.instanceId(), i.name(), i.state(), i.running(),
                m.endpointEnabled(), m.httpTokens(), usable, m.httpPutResponseHopLimit(), i.iamInstanceProfileArn(),
                roleArn, hasRole);
    }

    private static ExposureFact exposureFact(String key, ExposurePath p) {
        long admitted = p.admittedAddresses() == null ? 0 : p.admittedAddresses().min(LONG_MAX).longValue();
        int from = p.ports() == null ? 0 : p.ports().from();
        int to = p.ports() == null ? 65535 : p.ports().to();
        return new ExposureFact(key, p.kind() == null ? null : p.kind().name(), p.protocol(), from, to,
                p.addressFamily(), admitted, p.loadBalancerArn(), p.summary());
    }

    private static AccountInventory account(Snapshot snapshot, String account) {
        return snapshot.accountInventories().stream().filter(a -> a.account().equals(account)).findFirst()
                .orElseGet(() -> new AccountInventory(account, List.of(), List.of(), List.of(), List.of()));
    }

    private static String roleOf(AccountInventory account, String profileArn) {
        if (profileArn == null) {
            return null;
        }
        return account.instanceProfile(profileArn).flatMap(p -> p.roleArns().stream().findFirst()).orElse(null);
    }

    /** A profile that was not collected (an IAM gap) may well hold a role; only a known empty profile has none. */
    private static boolean hasRole(AccountInventory account, String profileArn, String roleArn) {
        if (profileArn == null) {
            return false;
        }
        Optional<InstanceProfile> profile = account.instanceProfile(profileArn);
        return roleArn != null || profile.isEmpty() || !profile.get().roleArns().isEmpty();
    }
}
