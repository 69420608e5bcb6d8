package io.imdsguard.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One S3 bucket of the account.
 *
 * @param policy        the bucket policy's JSON text as GetBucketPolicy returned it; null when the bucket
 *                      has none (AWS's default) or when it could not be read
 * @param policyUnknown true when GetBucketPolicy failed (say AccessDenied): the policy may exist, a gap
 *                      names the bucket; snapshots from before bucket policies were collected read as false
 */
// Written only when set, so a snapshot without bucket policies reads as it did before they were collected.
public record Bucket(String name, String region, @JsonInclude(JsonInclude.Include.NON_NULL) String policy,
                     @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean policyUnknown) {
    /** A bucket without a policy. */
    public Bucket(String name, String region) {
        this(name, region, null, false);
    }

    public String arn() {
        return "arn:aws:s3:::" + name;
    }

    /** The same bucket with this policy (null for none). */
    public Bucket withPolicy(String policyJson) {
        return new Bucket(name, region, policyJson, false);
    }
}
