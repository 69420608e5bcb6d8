package io.imdsguard.trace.ssm;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A target that was not sent the analyzer, and why ("not managed by SSM", "offline (ConnectionLost)", ...). */
@JsonPropertyOrder({"instanceId", "region", "reason"})
public record Skip(String instanceId, String region, String reason) {
    public Skip {
        RunFile.require("instanceId", instanceId);
        RunFile.require("region", region);
        RunFile.require("reason", reason);
    }
}
