package io.imdsguard.analyze.network;

import io.imdsguard.inventory.PortRange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Cuts a port range at every edge of the ranges that rules name, so that inside one segment every
 * rule either matches every port or none: a rule set is then evaluated once per segment, never
 * once per port.
 */
final class PortSegments {
    private PortSegments() {
    }

    static List<PortRange> split(PortRange within, Collection<PortRange> ruleRanges) {
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(within.from());
        for (PortRange r : ruleRanges) {
            if (r.from() > within.from() && r.from() <= within.to()) {
                starts.add(r.from());
            }
            if (r.to() >= within.from() && r.to() < within.to()) {
                starts.add(r.to() + 1);
            }
        }
        List<PortRange> segments = new ArrayList<>(starts.size());
        Integer previous = null;
        for (int start : starts) {
            if (previous != null) {
                segments.add(new PortRange(previous, start - 1));
            }
            previous = start;
        }
        segments.add(new PortRange(previous, within.to()));
        return segments;
    }

    static boolean overlaps(PortRange a, PortRange b) {
        return a.from() <= b.to() && b.from() <= a.to();
    }
}
