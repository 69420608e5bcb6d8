package io.imdsguard.rules;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.bench.FleetShape;
import io.imdsguard.bench.SyntheticFleet;
import io.imdsguard.findings.Finding;
import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled pack is evaluated in parts of whole regions at once (RuleEvaluator); a pack with user rules
 * in one session. Both must say the same of the same fleet, gaps included.
 */
class RuleEvaluatorPartsTest {
    @Test
    void partsHoldEveryRegionOnceAndKeepTheirWeightsClose() {
        Snapshot fleet = SyntheticFleet.generate(new FleetShape(900, 3, 3, 7));
        List<Snapshot> parts = RuleEvaluator.parts(fleet, 4);

        assertThat(parts).hasSize(4);
        List<RegionInventory> seen = new ArrayList<>();
        parts.forEach(p -> seen.addAll(p.regionInventories()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(fleet.regionInventories());
        parts.forEach(p -> {
            assertThat(p.accountInventories()).isEqualTo(fleet.accountInventories());
            assertThat(p.gaps()).isEqualTo(fleet.gaps());
        });
        // 9 regions of ~100 instances in 4 parts: none gets more than 3 regions' worth
        parts.forEach(p -> assertThat(instances(p)).isLessThanOrEqualTo(3 * 110));
        assertThat(RuleEvaluator.parts(fleet, 20)).hasSize(9);
    }

    @Test
    void inPartsTheBundledPackFindsWhatOneSessionFinds() throws RuleLoadException {
        Snapshot gapless = SyntheticFleet.generate(new FleetShape(3000, 2, 3, 11));
        CompiledRules bundled = BundledRules.get();
        // The same rules under other file names are not "the bundled pack": evaluated in one session.
        List<RuleSource> renamed = RuleSources.bundled().stream()
                .map(s -> new RuleSource("copy/" + s.displayPath(), s.content())).toList();
        CompiledRules whole = RuleCompiler.compile(renamed, Optional.empty());
        assertThat(bundled.regionScoped()).isTrue();
        assertThat(whole.regionScoped()).isFalse();

        // A web-ACL gap where IMDS-006 fired: it must go there, in parts as in one session, and only there.
        List<Finding> before = evaluate(bundled, gapless);
        Finding waf = before.stream().filter(f -> f.ruleId().equals("IMDS-006")).findFirst().orElseThrow();
        Snapshot fleet = withWebAclGap(gapless, waf.account(), waf.region());
        List<Finding> inParts = evaluate(bundled, fleet);
        List<Finding> inOne = evaluate(whole, fleet);

        assertThat(inParts).hasSizeGreaterThan(1000).isEqualTo(inOne);
        assertThat(inParts).noneMatch(f -> f.ruleId().equals("IMDS-006") && inRegion(f, waf));
        assertThat(inParts).containsAll(before.stream()
                .filter(f -> !(f.ruleId().equals("IMDS-006") && inRegion(f, waf))).toList());
    }

    private static List<Finding> evaluate(CompiledRules rules, Snapshot fleet) {
        Analysis analysis = new SnapshotAnalyzer(ExposureSettings.DEFAULT).analyze(fleet);
        return new RuleEvaluator(rules).evaluate(fleet, analysis);
    }

    private static boolean inRegion(Finding f, Finding other) {
        return f.account().equals(other.account()) && f.region().equals(other.region());
    }

    private static Snapshot withWebAclGap(Snapshot s, String account, String region) {
        List<CollectionGap> gaps = new ArrayList<>(s.gaps());
        gaps.add(new CollectionGap(account, region, AwsApi.WAFV2, "ListWebACLs", "AccessDenied"));
        return new Snapshot(s.schemaVersion(), s.collectedAt(), s.accounts(), s.regions(), s.accountInventories(),
                s.regionInventories(), gaps);
    }

    private static int instances(Snapshot s) {
        return s.regionInventories().stream().mapToInt(r -> r.instances().size()).sum();
    }
}
