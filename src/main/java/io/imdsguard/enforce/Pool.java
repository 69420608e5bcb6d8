package io.imdsguard.enforce;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs tasks on at most N threads and returns their results in order: a bounded burst of calls to AWS
 * (EC2 throttles per region, so a 30-region or 1,000-instance run must not fire everything at once).
 * A task's bug (a runtime exception) ends the run.
 */
public final class Pool {
    private Pool() {
    }

    /** {@code task} applied to each of {@code items}, the results in the order of the items. */
    public static <A, T> List<T> each(int threads, List<A> items, Function<A, T> task) throws InterruptedException {
        List<Callable<T>> tasks = new ArrayList<>(items.size());
        items.forEach(item -> tasks.add(() -> task.apply(item)));
        return run(threads, tasks);
    }

    public static <T> List<T> run(int threads, List<Callable<T>> tasks) throws InterruptedException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
            Thread t = new Thread(r, "imdsguard-enforce-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<T> out = new ArrayList<>(tasks.size());
            for (Future<T> f : pool.invokeAll(tasks)) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
