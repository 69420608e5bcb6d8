package io.imdsguard.trace.ssm;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * The three host scripts a run sends, each with how long SSM lets it run on the host
 * ({@code executionTimeout}). start only installs and launches the tracer (a transient unit that stops
 * itself after the run's duration), so its budget is for the package installs, not the trace.
 */
public enum Phase {
    @JsonProperty("start") START(1800),
    @JsonProperty("collect") COLLECT(600),
    @JsonProperty("stop") STOP(600);

    private final int executionTimeoutSeconds;

    Phase(int executionTimeoutSeconds) {
        this.executionTimeoutSeconds = executionTimeoutSeconds;
    }

    /** The script's name for {@code HostScripts.text(..)} and in comments: start, collect, stop. */
    public String scriptName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int executionTimeoutSeconds() {
        return executionTimeoutSeconds;
    }
}
