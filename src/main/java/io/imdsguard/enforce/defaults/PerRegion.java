package io.imdsguard.enforce.defaults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one task per region, a few regions at a time: regions are independent, and EC2 throttles per
 * region, so a bounded pool keeps a 30-region run short without a burst of calls.
 */
final class PerRegion {
    static final int MAX_CONCURRENT = 8;

    private PerRegion() {
    }

    /** The results in the order of {@code regions}; a task's bug (a runtime exception) ends the run. */
    static <T> List<T> each(List<String> regions, Function<String, T> task) throws InterruptedException {
        if (regions.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_CONCURRENT, regions.size()), r -> {
            Thread t = new Thread(r, "imdsguard-region-defaults");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            regions.forEach(region -> futures.add(pool.submit(() -> task.apply(region))));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
