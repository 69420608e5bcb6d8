package io.imdsguard.inventory;

/**
 * A call that failed during collection (AccessDenied, unsupported, throttled past retries).
 * The snapshot is incomplete where a gap exists; the scan exits 3 unless the gate fails.
 * {@code region} is {@code "global"} for account-wide services such as IAM.
 */
public record CollectionGap(String account, String region, String service, String operation, String error) {
}
