package io.imdsguard.trace.ssm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The instance ids of one SendCommand: one region, at most {@value #MAX_IDS} (SSM's limit per call). */
public record Batch(String region, List<String> instanceIds) {
    public static final int MAX_IDS = 50;

    public Batch {
        instanceIds = List.copyOf(instanceIds);
        if (instanceIds.isEmpty() || instanceIds.size() > MAX_IDS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_IDS + " instances, not " + instanceIds.size());
        }
    }

    /** The targets cut into batches, region by region in the order given. */
    public static List<Batch> of(List<TraceTarget> targets) {
        Map<String, List<String>> byRegion = new LinkedHashMap<>();
        targets.forEach(t -> byRegion.computeIfAbsent(t.region(), r -> new ArrayList<>()).add(t.instanceId()));
        List<Batch> batches = new ArrayList<>();
        byRegion.forEach((region, ids) -> {
            for (int from = 0; from < ids.size(); from += MAX_IDS) {
                batches.add(new Batch(region, ids.subList(from, Math.min(ids.size(), from + MAX_IDS))));
            }
        });
        return batches;
    }
}
