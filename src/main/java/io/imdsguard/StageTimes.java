package io.imdsguard;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time per stage of one scan, for {@code --verbose}: where a slow nightly run spent its time
 * (reading, analysis, rules, writing) without attaching a profiler. Stages are timed by whoever runs
 * them; a stage run twice adds up, and stages may overlap (the rules load while the snapshot is read).
 */
public final class StageTimes {
    /** Times nothing: for callers that do not ask. */
    public static final StageTimes OFF = new StageTimes(false);

    private final boolean on;
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    private StageTimes(boolean on) {
        this.on = on;
    }

    public static StageTimes start() {
        return new StageTimes(true);
    }

    /** A stage's work; it may throw what the stage throws. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T get() throws E;
    }

    /** A stage's work that returns nothing. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    public <T, E extends Exception> T time(String stage, Work<T, E> work) throws E {
        return timed(stage, work).get();
    }

    /**
     * {@code work} as a stage that starts now, on this thread, and ends when the work returned has run,
     * on whichever thread runs it: for work handed to another thread, timed from when it was handed over.
     */
    public <T, E extends Exception> Work<T, E> timed(String stage, Work<T, E> work) {
        if (!on) {
            return work;
        }
        long started = System.nanoTime();
        add(stage, 0);
        return () -> {
            try {
                return work.get();
            } finally {
                add(stage, System.nanoTime() - started);
            }
        };
    }

    public <E extends Exception> void run(String stage, Action<E> work) throws E {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    private synchronized void add(String stage, long elapsed) {
        nanos.merge(stage, elapsed, Long::sum);
    }

    /** {@code stages: read 2,310 ms, analyze 904 ms, ...}, in the order the stages first started. */
    public synchronized String line() {
        StringBuilder line = new StringBuilder("stages:");
        String sep = " ";
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            line.append(sep).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d ms", e.getValue() / 1_000_000));
            sep = ", ";
        }
        return line.toString();
    }
}
