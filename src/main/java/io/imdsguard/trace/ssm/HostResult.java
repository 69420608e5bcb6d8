package io.imdsguard.trace.ssm;

/**
 * What {@code trace collect} got from one host.
 *
 * @param outcome  what happened, in a word
 * @param message  the details, one line, for the report
 * @param evidence whether an evidence file was written for the host
 */
public record HostResult(String instanceId, String region, Outcome outcome, String message, boolean evidence) {

    public enum Outcome {
        /** Read and written; the analyzer had stopped. */
        COLLECTED("collected"),
        /** Read and written, but the analyzer is still running: more may come. */
        STILL_TRACING("still tracing"),
        /** Read and written from output SSM cut short. */
        CUT_SHORT("output cut short"),
        /** The start script failed on the host. */
        START_FAILED("start failed"),
        /** The start script had not finished (installing packages). */
        START_RUNNING("start not finished"),
        /** No start command of the run went to the host. */
        NOT_STARTED("not started"),
        /** The collect script failed, or its output could not be read. */
        COLLECT_FAILED("collect failed"),
        /** The collect script did not finish within the wait. */
        TIMED_OUT("timed out"),
        /** The host has no analyzer log. */
        NO_LOG("no log"),
        /** Skipped at start (not managed, offline, not Linux). */
        SKIPPED("not collected");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
