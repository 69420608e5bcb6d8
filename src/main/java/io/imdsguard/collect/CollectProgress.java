package io.imdsguard.collect;

/**
 * Progress of a collection, for a progress bar. Called from worker threads; implementations must
 * be thread-safe. Library code never prints: the CLI decides how (and whether) to show this.
 */
public interface CollectProgress {
    /** Does nothing. */
    CollectProgress NONE = new CollectProgress() {
        @Override
        public void started(int tasks) {
        }

        @Override
        public void finished(String task) {
        }
    };

    /** The run has this many tasks (a task is one service in one region, or one global service). */
    void started(int tasks);

    /** One task is done, e.g. {@code "ec2 eu-west-1"}. */
    void finished(String task);
}
