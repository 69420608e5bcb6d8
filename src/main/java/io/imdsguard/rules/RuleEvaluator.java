package io.imdsguard.rules;

import io.imdsguard.Parallel;
import io.imdsguard.StageTimes;
import io.imdsguard.analyze.Analysis;
import io.imdsguard.findings.Finding;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.facts.RuleHit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules stage: a snapshot and its analysis to facts (pure mapping), facts to rule hits, hits to
 * findings with evidence. The rules are compiled once and may be evaluated concurrently.
 *
 * <p>A pack whose rules stay within one (account, region) ({@link CompiledRules#regionScoped()}, the
 * bundled pack) is evaluated in a few parts at once, each part a set of whole regions with a session of
 * its own: on a 100,000-instance fleet the rule session is the largest single-threaded stage otherwise.
 * Findings come out in {@link FindingBuilder#ORDER}, a total order, so the parts give the very report one
 * session gives.
 */
public final class RuleEvaluator {
    /** Parts per core: more than one, so that a part with a big region does not leave a core idle. */
    private static final int PARTS_PER_CORE = 2;

    private final CompiledRules rules;

    public RuleEvaluator(CompiledRules rules) {
        this.rules = rules;
    }

    public CompiledRules rules() {
        return rules;
    }

    /** Findings for the snapshot, in {@link FindingBuilder#ORDER}. */
    public List<Finding> evaluate(Snapshot snapshot, Analysis analysis) {
        return evaluate(snapshot, analysis, StageTimes.OFF);
    }

    /** @param times records the stage as "rules": facts, sessions and findings, wall time */
    public List<Finding> evaluate(Snapshot snapshot, Analysis analysis, StageTimes times) {
        return times.time("rules", () -> evaluateInParts(snapshot, analysis));
    }

    private List<Finding> evaluateInParts(Snapshot snapshot, Analysis analysis) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (!rules.regionScoped() || cores == 1 || snapshot.regionInventories().size() < 2) {
            return evaluateWhole(snapshot, analysis);
        }
        List<Finding> findings = new ArrayList<>();
        Parallel.map(parts(snapshot, cores * PARTS_PER_CORE), part -> evaluateWhole(part, analysis))
                .forEach(findings::addAll);
        findings.sort(FindingBuilder.ORDER);
        return findings;
    }

    private List<Finding> evaluateWhole(Snapshot snapshot, Analysis analysis) {
        FactSet facts = FactAssembler.assemble(snapshot, analysis);
        List<RuleHit> hits = rules.evaluate(facts.facts());
        return FindingBuilder.build(hits, facts, rules);
    }

    /**
     * The snapshot cut into at most {@code count} parts of whole regions with about as many instances each
     * (largest region first into the lightest part; the heaviest part comes first). Each part keeps every account inventory and every gap,
     * so its facts about its regions are those the whole snapshot gives.
     */
    static List<Snapshot> parts(Snapshot snapshot, int count) {
        List<RegionInventory> regions = new ArrayList<>(snapshot.regionInventories());
        regions.sort(Comparator.comparingInt((RegionInventory r) -> r.instances().size()).reversed());
        int n = Math.min(count, regions.size());
        List<List<RegionInventory>> parts = new ArrayList<>();
        long[] weight = new long[n];
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>());
        }
        for (RegionInventory region : regions) {
            int lightest = 0;
            for (int i = 1; i < n; i++) {
                if (weight[i] < weight[lightest]) {
                    lightest = i;
                }
            }
            parts.get(lightest).add(region);
            // A region without instances still has its defaults to evaluate: count it as one.
            weight[lightest] += Math.max(1, region.instances().size());
        }
        return parts.stream().filter(p -> !p.isEmpty()).map(p -> new Snapshot(snapshot.schemaVersion(), snapshot.collectedAt(), snapshot.accounts(),
                snapshot.regions(), snapshot.accountInventories(), p, snapshot.gaps(), snapshot.shard())).toList();
    }
}
