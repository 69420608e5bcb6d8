package io.imdsguard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
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
        ExecutorService pool = pool(threads);
        try {
            List<Future<R>> futures = items.stream().map(item -> pool.submit(() -> work.apply(item))).toList();
            return futures.stream().map(Parallel::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Takes the results of {@link #inOrder}, one at a time, on the caller's thread. */
    @FunctionalInterface
    public interface Sink<R, E extends Exception> {
        void accept(R result) throws E;
    }

    /**
     * {@code work} applied to each item on every core, its results handed to {@code sink} in the items'
     * order on the caller's thread, with at most {@code window} items worked ahead of the sink: a large
     * output can be produced in pieces at once and written in order without ever being held whole.
     * A failure of the sink or of a piece stops the rest.
     */
    public static <T, R, E extends Exception> void inOrder(List<T> items, Function<T, R> work, int window,
                                                           Sink<R, E> sink) throws E {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            for (T item : items) {
                sink.accept(work.apply(item));
            }
            return;
        }
        ExecutorService pool = pool(threads);
        try {
            Deque<Future<R>> ahead = new ArrayDeque<>();
            Iterator<T> next = items.iterator();
            while (next.hasNext() || !ahead.isEmpty()) {
                while (next.hasNext() && ahead.size() < Math.max(window, 1)) {
                    T item = next.next();
                    ahead.add(pool.submit(() -> work.apply(item)));
                }
                sink.accept(join(ahead.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, daemons("imdsguard-" + POOLS.incrementAndGet()));
    }

    /** {@code work} started on a thread of its own, for the caller to {@link #join} when it needs the result. */
    public static <R> Future<R> start(String name, Callable<R> work) {
        FutureTask<R> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "imdsguard-" + name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** A pool of threads, one per core, for work handed out as it is found; closing it stops what is left. */
    public static Workers workers() {
        return new Workers(pool(Runtime.getRuntime().availableProcessors()));
    }

    /** See {@link #workers()}. */
    public static final class Workers implements AutoCloseable {
        private final ExecutorService pool;

        private Workers(ExecutorService pool) {
            this.pool = pool;
        }

        public <R> Future<R> submit(Callable<R> work) {
            return pool.submit(work);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /**
     * The result of {@code future}, waiting for it; its failure is rethrown as it was when unchecked, else
     * wrapped in an {@link IllegalStateException}.
     */
    public static <R> R join(Future<R> future) {
        try {
            return await(future);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** As {@link #join}, for a caller that passes an interrupt on as one. */
    public static <R> R await(Future<R> future) throws InterruptedException {
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
