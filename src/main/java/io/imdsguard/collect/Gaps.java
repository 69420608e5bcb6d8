package io.imdsguard.collect;

import io.imdsguard.inventory.CollectionGap;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Thread-safe collector of the gaps recorded by every task of one collection run. */
final class Gaps {
    static final Comparator<CollectionGap> ORDER = Comparator.comparing(CollectionGap::account)
            .thenComparing(CollectionGap::region)
            .thenComparing(CollectionGap::service)
            .thenComparing(CollectionGap::operation)
            .thenComparing(CollectionGap::error);

    private final ConcurrentLinkedQueue<CollectionGap> gaps = new ConcurrentLinkedQueue<>();

    void add(CollectionGap gap) {
        gaps.add(gap);
    }

    List<CollectionGap> sorted() {
        return gaps.stream().sorted(ORDER).toList();
    }
}
