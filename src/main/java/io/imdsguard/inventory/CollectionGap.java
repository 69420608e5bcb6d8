package io.imdsguard.inventory;

/**
 * A call that failed during collection (AccessDenied, unsupported, throttled past retries, no answer
 * in time), or one record of a listing that could not be read ({@code error} then starts
 * {@code "InternalError: cannot read <kind> <id>: "} and the rest of the listing was kept).
 * The snapshot is incomplete where a gap exists; the scan exits 3 unless the gate fails.
 * Service, operation and region names come from {@link AwsApi}: {@code region} is
 * {@link AwsApi#GLOBAL_REGION} for account-wide services such as IAM, and {@code operation} is
 * {@link AwsApi#WHOLE_SERVICE} when a whole service's collection failed in that region.
 */
public record CollectionGap(String account, String region, String service, String operation, String error) {
}
