package io.imdsguard.findings.evidence;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A load balancer that forwards to the instance, with its WAF status (IMDS-006).
 *
 * @param type     {@code application}, {@code network} or {@code classic}
 * @param listener the first listener that reaches the instance, e.g. {@code HTTP:80}
 */
@JsonPropertyOrder({"arn", "name", "type", "listener", "webAclArn", "wafBlocksImdsSsrf"})
public record LoadBalancerEvidence(String arn, String name, String type, String listener, String webAclArn,
                                   boolean wafBlocksImdsSsrf) {
}
