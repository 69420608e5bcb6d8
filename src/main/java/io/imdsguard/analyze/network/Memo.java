package io.imdsguard.analyze.network;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A per-analysis cache. Unlike {@code Map.computeIfAbsent}, the computation may itself fill the
 * same cache (a NACL reply is built from cached per-port decisions), which HashMap and
 * ConcurrentHashMap both refuse. One analysis runs on one thread, so no locking is needed.
 */
final class Memo<V> {
    private final Map<String, V> values = new HashMap<>();

    V get(String key, Supplier<V> compute) {
        V value = values.get(key);
        if (value == null) {
            value = compute.get();
            values.put(key, value);
        }
        return value;
    }
}
