package io.imdsguard;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs independent pieces of a scan's offline work on every core. Pieces are taken one at a time, in
 * the order given, by whichever thread is free: callers put the biggest first, so that a big region is
 * not left for last (a parallel stream splits its list in halves up front instead, and two big regions
 * listed side by side then land on one thread).
 */
public final class Parallel {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private Parallel() {
    }

    /** {@code work} applied to each item, results in the items' order; the first failure is rethrown as it was. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            return items.stream().map(work).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons("imdsguard-" + POOLS.incrementAndGet()));
        try {
            List<Future<R>> futures = items.stream().map(item -> pool.submit(() -> work.apply(item))).toList();
            return futures.stream().map(Parallel::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R join(Future<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
