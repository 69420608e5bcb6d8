package io.imdsguard.collect;

import io.imdsguard.inventory.Snapshot;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finished collection: the snapshot, the API calls made (per {@code Service:Operation}, and their
 * total) and how long it took.
 */
public record CollectionResult(Snapshot snapshot, Map<String, Long> apiCalls, long apiCallCount, Duration elapsed) {
    public CollectionResult {
        apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    }

    public boolean complete() {
        return snapshot.gaps().isEmpty();
    }
}
