package io.imdsguard.testing;

/**
 * One AWS API request as the emulator stub received it, identified the way IAM would name it.
 *
 * @param service the SDK service name (ec2, iam, elasticloadbalancing, elasticloadbalancingv2, s3, ssm,
 *     sts, organizations, wafv2, cloudwatch), derived from the SigV4 credential scope (CloudWatch signs as
 *     "monitoring" and is named "cloudwatch" here, as IAM names it)
 * @param operation the API operation, e.g. {@code DescribeInstances} or {@code GetBucketPolicy}
 * @param region the region from the SigV4 credential scope
 */
public record AwsCall(String service, String operation, String region) {

    /**
     * Whether the operation changes AWS state, judged by its name: anything but Describe/Get/List/Head
     * and friends. STS AssumeRole only issues credentials and counts as read-only.
     */
    public boolean isMutating() {
        return !(operation.startsWith("AssumeRole") || operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("List")
                || operation.startsWith("Head") || operation.startsWith("Lookup") || operation.startsWith("Search")
                || operation.startsWith("Simulate") || operation.startsWith("Generate")
                || operation.startsWith("Check"));
    }
}
