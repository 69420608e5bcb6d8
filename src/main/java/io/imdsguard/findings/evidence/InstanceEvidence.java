package io.imdsguard.findings.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Evidence on an EC2 instance: its metadata options, every internet exposure path, its role and
 * what the role can read in S3, the load balancers a rule named, and a rule's other details.
 *
 * @param roleArn       the instance-profile role, null when there is none or it is unknown
 * @param s3Read        absent when the role's S3 access is unknown (no profile, or not in the inventory)
 * @param loadBalancers the load balancers named by the rule's hits (IMDS-006); absent when none
 * @param details       other details the rule's hits carried; absent when none
 */
@JsonPropertyOrder({"metadataOptions", "exposurePaths", "roleArn", "s3Read", "loadBalancers", "details"})
public record InstanceEvidence(MetadataOptionsEvidence metadataOptions, List<PathEvidence> exposurePaths, String roleArn,
                               @JsonInclude(JsonInclude.Include.NON_NULL) S3ReadEvidence s3Read,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LoadBalancerEvidence> loadBalancers,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> details) implements Evidence {
    public InstanceEvidence {
        exposurePaths = List.copyOf(exposurePaths);
        loadBalancers = List.copyOf(loadBalancers);
        details = List.copyOf(details);
    }

    /** The instance's metadata options at collection time, and its state. */
    @JsonPropertyOrder({"httpTokens", "httpEndpoint", "hopLimit", "state"})
    public record MetadataOptionsEvidence(String httpTokens, String httpEndpoint, Integer hopLimit, String state) {
    }
}
