package io.imdsguard.enforce.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imdsguard.enforce.MetadataSettings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One line of the enforcement journal (JSON lines, docs/enforcement.md). A change is written twice: a
 * {@link Phase#BEFORE} line just before the call that makes it, with the state it replaces, and an
 * {@link Phase#AFTER} line once its outcome is known, with the state read back. A BEFORE line with no
 * AFTER line is a change cut short (a crash, Ctrl-C): its outcome is unknown and AWS must be asked.
 *
 * @param run     the enforcement or rollback run that wrote the line
 * @param change  the change's id, the same on its two lines ({@code <run>/<target>})
 * @param action  what kind of thing changed: {@link #INSTANCE} or {@link #REGION_DEFAULTS}
 * @param undoes  for a rollback change, the ids of the changes it undoes; empty for an enforcement
 * @param target  the instance id, or the region for region defaults
 * @param name    the instance's Name tag, when it has one (for people reading the journal)
 * @param state   BEFORE: the state being replaced; AFTER: the state read back (null when unknown)
 * @param result  AFTER only: how the change ended
 * @param error   AFTER only, for {@link Result#FAILED}: AWS's error code and message
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "run", "change", "phase", "action", "undoes", "account", "region", "target", "name",
    "at", "state", "result", "error"})
public record JournalLine(int schemaVersion, String run, String change, Phase phase, String action, List<String> undoes,
                          String account, String region, String target, String name, Instant at,
                          MetadataSettings state, Result result, String error) {
    public static final int SCHEMA_VERSION = 1;
    /** An instance's metadata options (ModifyInstanceMetadataOptions). */
    public static final String INSTANCE = "instance-metadata-options";
    /** A region's account-level IMDS defaults (ModifyInstanceMetadataDefaults). */
    public static final String REGION_DEFAULTS = "region-metadata-defaults";

    public JournalLine {
        undoes = undoes == null ? List.of() : List.copyOf(undoes);
        at = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Which of a change's two lines this is. */
    public enum Phase {
        @JsonProperty("before") BEFORE,
        @JsonProperty("after") AFTER
    }

    /** How a change ended, as its AFTER line says. */
    public enum Result {
        /** The new settings are in place (State applied). */
        @JsonProperty("changed") CHANGED,
        /** Accepted for a stopped instance: AWS applies it when the instance next starts. */
        @JsonProperty("pending-start") PENDING_START,
        /** Accepted, but State was still pending when the wait ran out. */
        @JsonProperty("not-applied") NOT_APPLIED,
        /** AWS refused the call; {@code error} says why. Nothing changed. */
        @JsonProperty("failed") FAILED,
        /** The instance was gone (terminated, or no longer found). Nothing changed. */
        @JsonProperty("vanished") VANISHED,
        /** A rollback put the before-state back. */
        @JsonProperty("restored") RESTORED;

        /** Whether AWS may now hold the new settings, so a rollback has something to undo. */
        public boolean tookEffect() {
            return this == CHANGED || this == PENDING_START || this == NOT_APPLIED || this == RESTORED;
        }
    }

    /** The line written before a change. */
    public static JournalLine before(String run, String action, List<String> undoes, String account, String region,
                                     String target, String name, Instant at, MetadataSettings state) {
        return new JournalLine(SCHEMA_VERSION, run, changeId(run, target), Phase.BEFORE, action, undoes, account, region,
                target, name, at, state, null, null);
    }

    /** The line written once {@code before}'s change has an outcome. */
    public JournalLine after(Instant when, MetadataSettings readBack, Result outcome, String why) {
        if (phase != Phase.BEFORE) {
            throw new IllegalStateException("an after line answers a before line");
        }
        return new JournalLine(SCHEMA_VERSION, run, change, Phase.AFTER, action, undoes, account, region, target, name,
                when, readBack, outcome, why);
    }

    /** The id both lines of a change carry. */
    public static String changeId(String run, String target) {
        return run + "/" + target;
    }
}
