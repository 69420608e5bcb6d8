package io.imdsguard.rules.facts;

/**
 * A scanned region's IMDS defaults for new launches. {@code httpTokens} is null when the region has
 * no preference; {@code managedBy} is {@code declarative-policy} when an organization policy sets it.
 *
 * @param key the join key {@code account/region}
 */
public record RegionDefaultsFact(String key, String account, String region, String httpTokens,
                                 boolean tokensRequired, Integer hopLimit, String managedBy) {

    /** The join key of a region: {@code account/region}. */
    public static String keyOf(String account, String region) {
        return account + "/" + region;
    }
}
