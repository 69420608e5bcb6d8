package io.imdsguard.cli;

import io.imdsguard.collect.CollectProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar on stderr for interactive runs; created only when a console is attached. */
final class TerminalProgress implements CollectProgress, AutoCloseable {
    private final String name;
    private ProgressBar bar;

    TerminalProgress() {
        this("collect");
    }

    /** {@code name} is shown before the bar ("usage"). */
    TerminalProgress(String name) {
        this.name = name;
    }

    static boolean interactive() {
        return StdoutTerminal.isTerminal();
    }

    @Override
    public synchronized void started(int tasks) {
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(tasks)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
    }

    @Override
    public synchronized void finished(String task) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(task);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
