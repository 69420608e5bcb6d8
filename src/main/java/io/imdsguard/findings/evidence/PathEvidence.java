package io.imdsguard.findings.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigInteger;
import java.util.List;

/**
 * One way the internet reaches an instance: the sentence a person reads, the chain of resources
 * and rule entries behind it (internet first), and how many public addresses it admits.
 *
 * @param kind            {@code DIRECT} or {@code LOAD_BALANCER}
 * @param ports           e.g. {@code 22} or {@code 1024-65535}; null for a protocol without ports
 * @param loadBalancerArn on a load-balancer path only
 */
@JsonPropertyOrder({"kind", "summary", "steps", "protocol", "ports", "addressFamily", "admittedAddresses", "loadBalancerArn"})
public record PathEvidence(String kind, String summary, List<String> steps, String protocol, String ports,
                           String addressFamily, BigInteger admittedAddresses,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String loadBalancerArn) {
    public PathEvidence {
        steps = List.copyOf(steps);
    }
}
