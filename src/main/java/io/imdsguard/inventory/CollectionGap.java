package io.imdsguard.inventory;

import java.util.Comparator;

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
    /**
     * The order gaps are listed in, by a collection and by a merge of reports alike (so that merging a run's
     * shards gives that run's list): account, region, service, operation, error. Null-safe, since a report
     * read back may leave a field out.
     */
    public static final Comparator<CollectionGap> ORDER = Comparator
            .comparing(CollectionGap::account, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(CollectionGap::region, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CollectionGap::service, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CollectionGap::operation, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CollectionGap::error, Comparator.nullsFirst(Comparator.naturalOrder()));
}
