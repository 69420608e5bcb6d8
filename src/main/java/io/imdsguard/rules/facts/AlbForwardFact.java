package io.imdsguard.rules.facts;

/**
 * A load balancer listener that forwards to an instance (the network analyzer's
 * {@code LoadBalancerForward}). {@code loadBalancerType} is {@code application}, {@code classic},
 * {@code network} ...; {@code wafBlocksImdsSsrf} is true when an associated web ACL blocks with
 * {@code AWSManagedRulesCommonRuleSet}'s {@code EC2MetaDataSSRF_*} rules.
 */
public record AlbForwardFact(String instanceKey, String loadBalancerArn, String loadBalancerName,
                             String loadBalancerType, boolean internetFacing, String listener,
                             String webAclArn, boolean wafBlocksImdsSsrf) {
}
