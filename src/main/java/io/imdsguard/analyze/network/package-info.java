/**
 * Internet reachability (docs/reachability.md). {@link io.imdsguard.analyze.network.ReachabilityAnalyzer}
 * is the entry point; the records {@code NetworkAnalysis}, {@code InstanceReachability},
 * {@code ExposurePath} and {@code LoadBalancerForward} are its contract with the rules. Every other
 * class is one hop of the path (routes, network ACLs, security groups, load balancers, WAF) and
 * reasons over address ranges, never over literal CIDR strings. See {@code docs/reachability.md}.
 */
package io.imdsguard.analyze.network;
