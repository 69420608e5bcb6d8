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
import java.util.stream.Collectors;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Builds rule facts from a snapshot and the analyzers' results. The analyzers are passed in
 * (the scan wires the real ReachabilityAnalyzer and S3AccessAnalyzer; tests pass hand-made results):
 * {@code network} is asked once per region, {@code s3Read} once per (account, instance profile ARN).
 */
public final class FactAssembler {
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
        Map<String, AccountIndex> accounts = new HashMap<>();
        UnknownFacts unknown = new UnknownFacts(snapshot);
        for (RegionInventory region : snapshot.regionInventories()) {
            String regionKey = RegionDefaultsFact.keyOf(region.account(), region.region());
            if (!unknown.regionDefaults(region.account(), region.region())) {
                facts.add(new RegionDefaultsFact(regionKey, region.account(), region.region(), region.imdsDefaults().httpTokens(),
                        region.imdsDefaults().tokensRequired(), region.imdsDefaults().httpPutResponseHopLimit(),
                        region.imdsDefaults().managedBy()));
            }
            regions.put(regionKey, new FactSet.RegionContext(region.account(), region.region(), region.imdsDefaults()));
            AccountIndex account = accounts.computeIfAbsent(region.account(), a -> new AccountIndex(snapshot, a));
            boolean webAclsKnown = !unknown.webAcls(region.account(), region.region());
            boolean iamKnown = !unknown.iam(region.account());
            NetworkAnalysis analysis = network.apply(region);
            Map<String, List<LoadBalancerForward>> forwardsByInstance = analysis.forwards().stream()
                    .collect(Collectors.groupingBy(LoadBalancerForward::instanceId));
            for (Instance instance : region.instances()) {
                String key = InstanceFact.keyOf(region.account(), region.region(), instance.instanceId());
                String profile = instance.iamInstanceProfileArn();
                Optional<S3ReadAccess> s3 = profile == null ? Optional.empty()
                        : s3Cache.computeIfAbsent(region.account() + "|" + profile, k -> s3Read.apply(account.inventory(), profile));
                List<ExposurePath> paths = analysis.of(instance.instanceId()).paths();
                List<LoadBalancerForward> forwards = forwardsByInstance.getOrDefault(instance.instanceId(), List.of());
                Optional<InstanceProfile> known = account.profile(profile);
                String roleArn = s3.map(S3ReadAccess::roleArn)
                        .orElseGet(() -> known.flatMap(p -> p.roleArns().stream().findFirst()).orElse(null));
                facts.add(instanceFact(key, region, instance, roleArn, hasRole(profile, roleArn, known, iamKnown)));
                paths.forEach(p -> facts.add(exposureFact(key, p)));
                s3.filter(S3ReadAccess::canRead).ifPresent(a -> facts.add(new S3ReadFact(key, a.roleArn(),
                        a.decision().name(), a.decision() == io.imdsguard.analyze.iam.Decision.CONDITIONAL)));
                // Web ACLs that could not be read are unknown, not absent: no IMDS-006 on a WAF gap.
                if (webAclsKnown) {
                    forwards.forEach(f -> facts.add(new AlbForwardFact(key, f.loadBalancerArn(), f.loadBalancerName(),
                            f.loadBalancerType(), f.internetFacing(), f.listener(), f.webAclArn(), f.wafBlocksImdsSsrf())));
                }
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

    /**
     * Whether the instance has an instance-profile role. A profile missing from the inventory has none
     * (IAM lists every role's profiles, so a profile without a role is simply absent), unless IAM itself
     * could not be read: then it may well hold one.
     */
    private static boolean hasRole(String profileArn, String roleArn, Optional<InstanceProfile> known, boolean iamKnown) {
        if (profileArn == null) {
            return false;
        }
        if (roleArn != null) {
            return true;
        }
        return known.map(p -> !p.roleArns().isEmpty()).orElse(!iamKnown);
    }

    /** One account's IAM, with instance profiles indexed by ARN (a fleet looks them up per instance). */
    private record AccountIndex(AccountInventory inventory, Map<String, InstanceProfile> profiles) {
        AccountIndex(Snapshot snapshot, String account) {
            this(snapshot.accountInventories().stream().filter(a -> a.account().equals(account)).findFirst()
                    .orElseGet(() -> new AccountInventory(account, List.of(), List.of(), List.of(), List.of())));
        }

        AccountIndex(AccountInventory inventory) {
            this(inventory, inventory.instanceProfiles().stream()
                    .collect(Collectors.toMap(InstanceProfile::arn, p -> p, (a, b) -> a)));
        }

        Optional<InstanceProfile> profile(String arn) {
            return arn == null ? Optional.empty() : Optional.ofNullable(profiles.get(arn));
        }
    }
}
