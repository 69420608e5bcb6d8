package io.imdsguard.trace.ssm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An instance a trace run is about.
 *
 * @param name its Name tag when the report gave one, else null
 */
@JsonPropertyOrder({"instanceId", "region", "name"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceTarget(String instanceId, String region, String name) {
    public TraceTarget {
        RunFile.require("instanceId", instanceId);
        RunFile.require("region", region);
    }

    /** {@code i-0abc (web-1)}, or the id alone. */
    public String label() {
        return name == null || name.isBlank() ? instanceId : instanceId + " (" + name + ")";
    }
}
