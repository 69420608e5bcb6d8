package io.imdsguard.collect;

import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.Bucket;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists an account's buckets and the region of each. ListBuckets names a bucket's region only in
 * newer responses; where it does not, GetBucketLocation is the one call per bucket that is unavoidable.
 */
final class S3Collector {
    static final String SERVICE = AwsApi.S3;
    /** GetBucketLocation's answer for us-east-1 is an empty (or null) constraint. */
    private static final String US_EAST_1 = "us-east-1";

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
            out.add(new Bucket(b.name(), region));
        }
        out.sort(Comparator.comparing(Bucket::name));
        return out;
    }

    /** Null or "" means us-east-1; the legacy "EU" means eu-west-1. */
    static String normalise(String constraint) {
        if (constraint == null || constraint.isBlank() || "null".equals(constraint)) {
            return US_EAST_1;
        }
        return "EU".equals(constraint) ? "eu-west-1" : constraint;
    }
}
