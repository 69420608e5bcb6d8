package io.imdsguard.rules.facts;

/**
 * An internet-facing load balancer listener that forwards to an instance, whatever the security
 * groups say (the network analyzer's {@code LoadBalancerForward}). {@code loadBalancerType} is
 * {@code application} or {@code classic} (only HTTP load balancers are listed: WAF and SSRF are
 * about HTTP); {@code wafBlocksImdsSsrf} is true when an associated web ACL blocks with
 * {@code AWSManagedRulesCommonRuleSet}'s {@code EC2MetaDataSSRF_*} rules. When the region's web ACLs
 * could not be read, an {@link UnknownFact} with subject {@code web-acls} says so.
 */
public record LoadBalancerForwardFact(String instanceKey, String loadBalancerArn, String loadBalancerName,
                                      String loadBalancerType, boolean internetFacing, String listener,
                                      String webAclArn, boolean wafBlocksImdsSsrf) {
}
