package io.imdsguard.collect;

import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.Bucket;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists an account's buckets, the region of each, and each bucket's policy. ListBuckets names a
 * bucket's region only in newer responses; where it does not, GetBucketLocation is the one call per
 * bucket that is unavoidable. S3 has no bulk call for bucket policies either: GetBucketPolicy per
 * bucket, where NoSuchBucketPolicy means "none" and any other failure is a gap naming the bucket.
 */
final class S3Collector {
    static final String SERVICE = AwsApi.S3;
    /** GetBucketLocation's answer for us-east-1 is an empty (or null) constraint. */
    private static final String US_EAST_1 = "us-east-1";
    private static final String NO_POLICY = "NoSuchBucketPolicy";
    private static final String NO_BUCKET = "NoSuchBucket";

    private final S3Client s3;
    private final AwsCalls calls;

    S3Collector(S3Client s3, AwsCalls calls) {
        this.s3 = s3;
        this.calls = calls;
    }

    List<Bucket> collect() {
        List<software.amazon.awssdk.services.s3.model.Bucket> listed = calls.call(AwsApi.LIST_BUCKETS,
                () -> s3.listBucketsPaginator(r -> { }).stream()
                        .flatMap((ListBucketsResponse page) -> page.buckets().stream()).toList())
                .orElse(List.of());
        List<Bucket> out = new ArrayList<>();
        for (software.amazon.awssdk.services.s3.model.Bucket b : listed) {
            String region = b.bucketRegion();
            if (region == null || region.isBlank()) {
                region = calls.callIfExists(AwsApi.GET_BUCKET_LOCATION,
                        () -> normalise(s3.getBucketLocation(r -> r.bucket(b.name())).locationConstraintAsString()))
                        .orElse(null);
            }
            out.add(withPolicy(new Bucket(b.name(), region)));
        }
        out.sort(Comparator.comparing(Bucket::name));
        return out;
    }

    private Bucket withPolicy(Bucket bucket) {
        Optional<Optional<String>> policy = calls.callAbout(AwsApi.GET_BUCKET_POLICY, "bucket " + bucket.name(),
                () -> policyOf(bucket.name()));
        return policy.map(p -> bucket.withPolicy(p.orElse(null)))
                .orElseGet(() -> new Bucket(bucket.name(), bucket.region(), null, true));
    }

    /** The policy text; empty when the bucket has none (or was deleted since it was listed). */
    private Optional<String> policyOf(String bucket) {
        try {
            return Optional.ofNullable(s3.getBucketPolicy(r -> r.bucket(bucket)).policy());
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (NO_POLICY.equals(code) || NO_BUCKET.equals(code)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Null or "" means us-east-1; the legacy "EU" means eu-west-1. */
    static String normalise(String constraint) {
        if (constraint == null || constraint.isBlank() || "null".equals(constraint)) {
            return US_EAST_1;
        }
        return "EU".equals(constraint) ? "eu-west-1" : constraint;
    }
}
