/**
 * {@code imdsguard usage}: which instances still make IMDSv1 calls, read fleet-wide and agentless from
 * CloudWatch's {@code AWS/EC2} metrics {@code MetadataNoToken} and {@code MetadataNoTokenRejected}.
 * One bulk DescribeInstances listing per region, then GetMetricData in batches of 500 queries; a call
 * that fails is a gap for its region, never the end of the run.
 */
package io.imdsguard.usage;
