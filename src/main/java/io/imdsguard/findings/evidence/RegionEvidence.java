package io.imdsguard.findings.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Evidence on a region's IMDS defaults for new launches (IMDS-004).
 *
 * @param httpTokens {@code required}, {@code optional} or {@code no-preference}
 * @param managedBy  {@code declarative-policy} when an Organization policy sets the defaults, else null
 * @param details    details the rule's hits carried; absent when none
 */
@JsonPropertyOrder({"httpTokens", "hopLimit", "httpEndpoint", "managedBy", "details"})
public record RegionEvidence(String httpTokens, Integer hopLimit, String httpEndpoint, String managedBy,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> details) implements Evidence {
    public RegionEvidence {
        details = List.copyOf(details);
    }
}
