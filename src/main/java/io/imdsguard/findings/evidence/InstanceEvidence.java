package io.imdsguard.findings.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imdsguard.evidence.MetadataNoTokenCounts;
import io.imdsguard.trace.V1Caller;

import java.util.List;

/**
 * Evidence on an EC2 instance: its metadata options, every internet exposure path, its role and
 * what the role can read in S3, the load balancers a rule named, and a rule's other details.
 *
 * @param roleArn       the instance-profile role, null when there is none or it is unknown
 * @param s3Read        absent when the role's S3 access is unknown (no profile, or not in the inventory)
 * @param loadBalancers the load balancers named by the rule's hits (IMDS-006); absent when none
 * @param details       other details the rule's hits carried; absent when none
 * @param imdsV1Callers the processes the packet analyzer saw calling IMDSv1 on the host ({@code scan --evidence});
 *                      absent when the host was not traced, empty when it was and nothing called IMDSv1
 * @param metadataNoToken CloudWatch's count of IMDSv1 calls ({@code scan --evidence}); absent when not read
 */
@JsonPropertyOrder({"metadataOptions", "exposurePaths", "roleArn", "s3Read", "loadBalancers", "details", "imdsV1Callers",
    "metadataNoToken"})
public record InstanceEvidence(MetadataOptionsEvidence metadataOptions, List<PathEvidence> exposurePaths, String roleArn,
                               @JsonInclude(JsonInclude.Include.NON_NULL) S3ReadEvidence s3Read,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LoadBalancerEvidence> loadBalancers,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> details,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<V1Caller> imdsV1Callers,
                               @JsonInclude(JsonInclude.Include.NON_NULL) MetadataNoTokenCounts metadataNoToken)
        implements Evidence {
    public InstanceEvidence {
        exposurePaths = List.copyOf(exposurePaths);
        loadBalancers = List.copyOf(loadBalancers);
        details = List.copyOf(details);
        imdsV1Callers = imdsV1Callers == null ? null : List.copyOf(imdsV1Callers);
    }

    /** Evidence from the snapshot alone, before any evidence of IMDSv1 use is known. */
    public InstanceEvidence(MetadataOptionsEvidence metadataOptions, List<PathEvidence> exposurePaths, String roleArn,
                            S3ReadEvidence s3Read, List<LoadBalancerEvidence> loadBalancers, List<String> details) {
        this(metadataOptions, exposurePaths, roleArn, s3Read, loadBalancers, details, null, null);
    }

    /** This evidence with what is known of the host's IMDSv1 use; null leaves a part unknown. */
    public InstanceEvidence withUsage(List<V1Caller> callers, MetadataNoTokenCounts counts) {
        return new InstanceEvidence(metadataOptions, exposurePaths, roleArn, s3Read, loadBalancers, details, callers, counts);
    }

    /** The instance's metadata options at collection time, and its state. */
    @JsonPropertyOrder({"httpTokens", "httpEndpoint", "hopLimit", "state"})
    public record MetadataOptionsEvidence(String httpTokens, String httpEndpoint, Integer hopLimit, String state) {
    }
}
