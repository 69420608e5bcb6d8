package io.imdsguard.testing;

/**
 * One AWS API request as the emulator stub received it, identified the way IAM would name it.
 *
 * @param service the SDK service name (ec2, iam, elasticloadbalancing, elasticloadbalancingv2, s3, ssm,
 *     sts, organizations, wafv2), derived from the SigV4 credential scope
 * @param operation the API operation, e.g. {@code DescribeInstances} or {@code GetBucketPolicy}
 * @param region the region from the SigV4 credential scope
 */
public record AwsCall(String service, String operation, String region) {

    /** Whether the operation name reads like a state change (anything but Describe/Get/List/Head and friends). */
    public boolean isMutating() {
        return !(operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("List")
                || operation.startsWith("Head") || operation.startsWith("Lookup") || operation.startsWith("Search")
                || operation.startsWith("Simulate") || operation.startsWith("Generate")
                || operation.startsWith("Check"));
    }
}
