package io.imdsguard.trace.ssm;

import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Splits the instances asked for into targets (managed, online, Linux) and skips with their reasons,
 * region by region. An instance given by id alone is looked for in every region asked: it is a target
 * where SSM knows it, and otherwise skipped with the most telling reason found.
 */
public final class TargetCheck {

    /** The outcome: what start may send to, and what it will not, with why. */
    public record Selection(List<TraceTarget> targets, List<Skip> skips) {
        public Selection {
            targets = List.copyOf(targets);
            skips = List.copyOf(skips);
        }
    }

    private TargetCheck() {
    }

    /** @param candidatesByRegion the instances to look for in each region (an id may appear in several) */
    public static Selection check(Function<String, SsmClient> ssm, Map<String, List<TraceTarget>> candidatesByRegion) {
        Map<String, TraceTarget> chosen = new LinkedHashMap<>();
        Map<String, Skip> notChosen = new LinkedHashMap<>();
        Map<String, List<String>> unmanagedIn = new LinkedHashMap<>();
        for (Map.Entry<String, List<TraceTarget>> region : candidatesByRegion.entrySet()) {
            List<String> ids = region.getValue().stream().map(TraceTarget::instanceId).distinct().toList();
            if (ids.isEmpty()) {
                continue;
            }
            Map<String, Optional<String>> verdicts = ManagedNodes.check(ssm.apply(region.getKey()), ids);
            for (TraceTarget candidate : region.getValue()) {
                String id = candidate.instanceId();
                Optional<String> reason = verdicts.get(id);
                if (chosen.containsKey(id)) {
                    continue;
                }
                if (reason.isEmpty()) {
                    chosen.put(id, candidate);
                    notChosen.remove(id);
                } else if (ManagedNodes.NOT_MANAGED.equals(reason.get())) {
                    unmanagedIn.computeIfAbsent(id, k -> new ArrayList<>()).add(region.getKey());
                } else {
                    notChosen.putIfAbsent(id, new Skip(id, region.getKey(), reason.get()));
                }
            }
        }
        unmanagedIn.forEach((id, regions) -> {
            if (!chosen.containsKey(id) && !notChosen.containsKey(id)) {
                notChosen.put(id, new Skip(id, String.join(",", regions), ManagedNodes.NOT_MANAGED));
            }
        });
        return new Selection(new ArrayList<>(chosen.values()), new ArrayList<>(notChosen.values()));
    }
}
