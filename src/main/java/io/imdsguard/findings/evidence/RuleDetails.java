package io.imdsguard.findings.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Evidence of a user rule whose hit names neither an instance nor a region: only the details its
 * hits carried (absent when none, so the evidence is an empty object).
 */
public record RuleDetails(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> details) implements Evidence {
    public RuleDetails {
        details = List.copyOf(details);
    }
}
