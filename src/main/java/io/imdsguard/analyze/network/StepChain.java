package io.imdsguard.analyze.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Evidence steps grouped by hop (route, nacl, sg ...) so that merging two port segments keeps the
 * chain in internet-to-interface order instead of interleaving the hops.
 */
final class StepChain {
    private final Map<String, LinkedHashSet<String>> hops = new LinkedHashMap<>();

    StepChain add(String hop, Collection<String> steps) {
        hops.computeIfAbsent(hop, h -> new LinkedHashSet<>()).addAll(steps);
        return this;
    }

    StepChain add(String hop, String step) {
        return add(hop, List.of(step));
    }

    StepChain merge(StepChain other) {
        other.hops.forEach(this::add);
        return this;
    }

    List<String> steps() {
        List<String> steps = new ArrayList<>();
        hops.values().forEach(steps::addAll);
        return List.copyOf(steps);
    }
}
