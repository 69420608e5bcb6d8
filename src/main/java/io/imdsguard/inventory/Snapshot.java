package io.imdsguard.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A whole collection: every account's global inventory, every region's inventory and the gaps
 * (calls that failed). Serialised by {@link SnapshotIO}; {@link #SCHEMA_VERSION} changes whenever a
 * field is renamed or removed.
 *
 * @param shard {@code "K/N"} when the collection read only shard K of N of the (account, region) units
 *              ({@code collect --shard}), so that a scan of it reports the shard and {@code merge} can tell
 *              a missing one; null (and absent from the JSON) for a whole collection
 */
public record Snapshot(int schemaVersion, Instant collectedAt, List<String> accounts, List<String> regions,
                       List<AccountInventory> accountInventories, List<RegionInventory> regionInventories,
                       List<CollectionGap> gaps, @JsonInclude(JsonInclude.Include.NON_NULL) String shard) {
    public static final int SCHEMA_VERSION = 1;

    /** A whole collection, not a shard of one. */
    public Snapshot(int schemaVersion, Instant collectedAt, List<String> accounts, List<String> regions,
                    List<AccountInventory> accountInventories, List<RegionInventory> regionInventories,
                    List<CollectionGap> gaps) {
        this(schemaVersion, collectedAt, accounts, regions, accountInventories, regionInventories, gaps, null);
    }

    public Snapshot {
        accounts = Lists.copy(accounts);
        regions = Lists.copy(regions);
        accountInventories = Lists.copy(accountInventories);
        regionInventories = Lists.copy(regionInventories);
        gaps = Lists.copy(gaps);
    }

    public int instanceCount() {
        return regionInventories.stream().mapToInt(r -> r.instances().size()).sum();
    }

    public int resourceCount() {
        int regional = regionInventories.stream().mapToInt(RegionInventory::resourceCount).sum();
        int global = accountInventories.stream().mapToInt(a -> a.roles().size() + a.instanceProfiles().size()
                + a.managedPolicies().size() + a.buckets().size()).sum();
        return regional + global;
    }
}
