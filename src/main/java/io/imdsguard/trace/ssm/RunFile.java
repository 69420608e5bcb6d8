package io.imdsguard.trace.ssm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A trace run as {@code trace start} left it ({@code --run FILE}): enough for {@code collect} and
 * {@code stop} to work later on their own, from another shell or machine. Holds no credentials.
 *
 * @param durationSeconds how long the tracer runs on each host
 * @param analyzerCommit  the analyzer commit asked for, null for the host script's pinned default
 * @param analyzerSource  where hosts fetch the analyzer from, null for the default (GitHub)
 * @param s3Output        where SSM writes full output, null when it is not used
 * @param account         the account the run's commands were sent in
 * @param targets         the instances the start script was sent to
 * @param skips           the instances asked for but not sent, with the reason
 * @param commands        every SendCommand of the run, in the order sent
 */
@JsonPropertyOrder({"schemaVersion", "runId", "createdAt", "durationSeconds", "analyzerCommit", "analyzerSource",
    "s3Output", "maxConcurrency", "maxErrors", "account", "targets", "skips", "commands"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunFile(int schemaVersion, String runId, Instant createdAt, long durationSeconds, String analyzerCommit,
                      String analyzerSource, S3Output s3Output, String maxConcurrency, String maxErrors, String account,
                      List<TraceTarget> targets, List<Skip> skips, List<SentCommand> commands) {
    public static final int SCHEMA_VERSION = 1;
    /** Also names the systemd unit on the hosts, so only what a unit name and a shell word can hold. */
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    public RunFile {
        require("runId", runId);
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId '" + runId + "' may hold only letters, digits and '-' (at most 64)");
        }
        require("createdAt", createdAt);
        require("account", account);
        require("maxConcurrency", maxConcurrency);
        require("maxErrors", maxErrors);
        if (durationSeconds <= 0) {
            throw new IllegalArgumentException("durationSeconds must be more than 0");
        }
        targets = List.copyOf(require("targets", targets));
        skips = List.copyOf(require("skips", skips));
        commands = List.copyOf(require("commands", commands));
    }

    public Duration duration() {
        return Duration.ofSeconds(durationSeconds);
    }

    /** This run with one more command recorded. */
    public RunFile with(SentCommand command) {
        List<SentCommand> all = new ArrayList<>(commands);
        all.add(command);
        return new RunFile(schemaVersion, runId, createdAt, durationSeconds, analyzerCommit, analyzerSource, s3Output,
                maxConcurrency, maxErrors, account, targets, skips, all);
    }

    /** The commands of one phase, oldest first. */
    public List<SentCommand> commands(Phase phase) {
        return commands.stream().filter(c -> c.phase() == phase).toList();
    }

    /** The latest command of {@code phase} that went to {@code instanceId}. */
    public Optional<SentCommand> latest(Phase phase, String instanceId) {
        SentCommand found = null;
        for (SentCommand c : commands) {
            if (c.phase() == phase && c.instanceIds().contains(instanceId)) {
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The targets by region, in the order recorded. */
    public Map<String, List<TraceTarget>> targetsByRegion() {
        Map<String, List<TraceTarget>> byRegion = new LinkedHashMap<>();
        targets.forEach(t -> byRegion.computeIfAbsent(t.region(), r -> new ArrayList<>()).add(t));
        return byRegion;
    }

    static <T> T require(String field, T value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}
