package io.imdsguard.collect;

import io.imdsguard.inventory.CollectionGap;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Thread-safe collector of the gaps recorded by every task of one collection run. */
public final class Gaps {
    private final ConcurrentLinkedQueue<CollectionGap> gaps = new ConcurrentLinkedQueue<>();

    public void add(CollectionGap gap) {
        gaps.add(gap);
    }

    public List<CollectionGap> sorted() {
        return gaps.stream().sorted(CollectionGap.ORDER).toList();
    }
}
