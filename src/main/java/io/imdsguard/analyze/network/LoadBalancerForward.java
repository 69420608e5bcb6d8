package io.imdsguard.analyze.network;

/**
 * An ALB (or CLB) listener that forwards to an instance, whatever the security groups say; IMDS-006
 * reads it. {@code wafBlocksImdsSsrf} is true when a web ACL associated with the load balancer runs
 * {@code AWSManagedRulesCommonRuleSet} with its {@code EC2MetaDataSSRF_*} rules blocking (not Count).
 */
public record LoadBalancerForward(String instanceId, String loadBalancerArn, String loadBalancerName,
                                  String loadBalancerType, boolean internetFacing, String listener,
                                  String webAclArn, boolean wafBlocksImdsSsrf) {
}
