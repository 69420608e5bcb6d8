package io.imdsguard.rules;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.iam.Decision;
import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.ExposurePath;
import io.imdsguard.analyze.network.LoadBalancerForward;
import io.imdsguard.analyze.network.NetworkAnalysis;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.ImdsDefaults;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.InstanceProfile;
import io.imdsguard.inventory.MetadataOptions;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.facts.ExposureFact;
import io.imdsguard.rules.facts.InstanceFact;
import io.imdsguard.rules.facts.LoadBalancerForwardFact;
import io.imdsguard.rules.facts.RegionDefaultsFact;
import io.imdsguard.rules.facts.S3ReadFact;
import io.imdsguard.rules.facts.UnknownFact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Maps a snapshot and its {@link Analysis} into rule facts, and keeps the analysis results behind
 * each fact for the findings' evidence. Pure mapping: every decision about what is a finding lives
 * in the rules. What was collected becomes a fact; what a collection gap left unknown becomes an
 * {@link UnknownFact} (and no made-up fact in its place).
 */
public final class FactAssembler {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private FactAssembler() {
    }

    /**
     * Per region a {@code RegionDefaultsFact} (unless its defaults were not collected); per instance
     * an {@code InstanceFact}, an {@code ExposureFact} per exposure path, an {@code S3ReadFact} when
     * its role can read S3 and a {@code LoadBalancerForwardFact} per load-balancer forward; and an
     * {@code UnknownFact} per subject the collection gaps leave unknown.
     */
    public static FactSet assemble(Snapshot snapshot, Analysis analysis) {
        List<Object> facts = new ArrayList<>();
        Map<String, FactSet.InstanceContext> instances = new LinkedHashMap<>();
        Map<String, FactSet.RegionContext> regions = new LinkedHashMap<>();
        Map<String, Map<String, InstanceProfile>> profilesByAccount = new HashMap<>();
        snapshot.accountInventories().forEach(a -> profilesByAccount.putIfAbsent(a.account(), profilesOf(a)));
        UnknownFacts unknown = UnknownFacts.of(snapshot);
        facts.addAll(unknown.facts());
        for (RegionInventory region : snapshot.regionInventories()) {
            String regionKey = RegionDefaultsFact.keyOf(region.account(), region.region());
            if (!unknown.isUnknown(region.account(), region.region(), UnknownFact.REGION_DEFAULTS)) {
                facts.add(regionDefaultsFact(regionKey, region));
            }
            regions.put(regionKey, new FactSet.RegionContext(region.account(), region.region(), region.imdsDefaults()));
            boolean iamKnown = !unknown.isUnknown(region.account(), AwsApi.GLOBAL_REGION, UnknownFact.IAM);
            Map<String, InstanceProfile> profiles = profilesByAccount.getOrDefault(region.account(), Map.of());
            NetworkAnalysis network = analysis.network(region.account(), region.region());
            Map<String, List<LoadBalancerForward>> forwardsByInstance = network.forwards().stream()
                    .collect(Collectors.groupingBy(LoadBalancerForward::instanceId));
            for (Instance instance : region.instances()) {
                String key = InstanceFact.keyOf(region.account(), region.region(), instance.instanceId());
                String profileArn = instance.iamInstanceProfileArn();
                Optional<S3ReadAccess> s3 = analysis.s3Read(region.account(), profileArn);
                Optional<InstanceProfile> profile = Optional.ofNullable(profileArn).map(profiles::get);
                String roleArn = s3.map(S3ReadAccess::roleArn)
                        .orElseGet(() -> profile.flatMap(p -> p.roleArns().stream().findFirst()).orElse(null));
                List<ExposurePath> paths = network.of(instance.instanceId()).paths();
                List<LoadBalancerForward> forwards = forwardsByInstance.getOrDefault(instance.instanceId(), List.of());

                boolean hasRole = roleArn != null || profile.map(p -> !p.roleArns().isEmpty()).orElse(false);
                // IAM lists every role's profiles, so a profile it does not list holds no role, unless IAM itself was not read.
                boolean roleUnknown = profileArn != null && !hasRole && profile.isEmpty() && !iamKnown;
                facts.add(instanceFact(key, region, instance, roleArn, hasRole, roleUnknown));
                paths.forEach(p -> facts.add(exposureFact(key, p)));
                s3.filter(S3ReadAccess::canRead).ifPresent(a -> facts.add(
                        new S3ReadFact(key, a.roleArn(), a.decision().name(), a.decision() == Decision.CONDITIONAL)));
                forwards.forEach(f -> facts.add(forwardFact(key, f)));
                instances.put(key, new FactSet.InstanceContext(region.account(), region.region(), instance, roleArn,
                        paths, s3, forwards));
            }
        }
        return new FactSet(facts, instances, regions);
    }

    private static RegionDefaultsFact regionDefaultsFact(String key, RegionInventory region) {
        ImdsDefaults d = region.imdsDefaults();
        return new RegionDefaultsFact(key, region.account(), region.region(), d.httpTokens(), d.tokensRequired(),
                d.httpPutResponseHopLimit(), d.managedBy());
    }

    private static InstanceFact instanceFact(String key, RegionInventory region, Instance i, String roleArn, boolean hasRole,
                                             boolean roleUnknown) {
        MetadataOptions m = i.metadataOptions();
        boolean usable = i.running() && m.imdsV1Usable();
        return new InstanceFact(key, region.account(), region.region(), i.instanceId(), i.name(), i.state(), i.running(),
                m.endpointEnabled(), m.httpTokens(), usable, m.httpPutResponseHopLimit(), i.iamInstanceProfileArn(),
                roleArn, hasRole, roleUnknown);
    }

    private static ExposureFact exposureFact(String key, ExposurePath p) {
        long admitted = p.admittedAddresses() == null ? 0 : p.admittedAddresses().min(LONG_MAX).longValue();
        int from = p.ports() == null ? 0 : p.ports().from();
        int to = p.ports() == null ? 65535 : p.ports().to();
        return new ExposureFact(key, p.kind() == null ? null : p.kind().name(), p.protocol(), from, to,
                p.addressFamily(), admitted, p.loadBalancerArn(), p.summary());
    }

    private static LoadBalancerForwardFact forwardFact(String key, LoadBalancerForward f) {
        return new LoadBalancerForwardFact(key, f.loadBalancerArn(), f.loadBalancerName(), f.loadBalancerType(),
                f.internetFacing(), f.listener(), f.webAclArn(), f.wafBlocksImdsSsrf());
    }

    private static Map<String, InstanceProfile> profilesOf(AccountInventory account) {
        return account.instanceProfiles().stream().collect(Collectors.toMap(InstanceProfile::arn, p -> p, (a, b) -> a));
    }
}
