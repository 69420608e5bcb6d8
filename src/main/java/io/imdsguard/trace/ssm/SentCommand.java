package io.imdsguard.trace.ssm;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/** One SendCommand call of a run: a phase's script sent to at most 50 instances of one region. */
@JsonPropertyOrder({"phase", "region", "commandId", "instanceIds", "sentAt"})
public record SentCommand(Phase phase, String region, String commandId, List<String> instanceIds, Instant sentAt) {
    public SentCommand {
        RunFile.require("phase", phase);
        RunFile.require("region", region);
        RunFile.require("commandId", commandId);
        RunFile.require("instanceIds", instanceIds);
        RunFile.require("sentAt", sentAt);
        instanceIds = List.copyOf(instanceIds);
    }
}
