package io.imdsguard.collect;

import java.util.List;
import java.util.Locale;

/**
 * What to collect. {@code regions} empty (or the single word {@code all}) means every region
 * enabled in each account; otherwise each name must be an enabled region. {@code accounts} says
 * which accounts (default: the caller's), {@code shard} which share of the (account, region) units.
 */
public record CollectRequest(List<String> regions, AccountSelection accounts, Shard shard) {
    public static final CollectRequest ALL_REGIONS = new CollectRequest(List.of());

    public CollectRequest {
        regions = regions == null ? List.of()
                : regions.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty())
                .distinct().toList();
        accounts = accounts == null ? AccountSelection.CALLER : accounts;
        shard = shard == null ? Shard.ALL : shard;
    }

    /** The caller's account, every unit. */
    public CollectRequest(List<String> regions) {
        this(regions, AccountSelection.CALLER, Shard.ALL);
    }

    public boolean allRegions() {
        return regions.isEmpty() || regions.equals(List.of("all"));
    }

    /** Whether this is the classic run: the caller's account, whole, exactly as before accounts could be chosen. */
    public boolean singleAccount() {
        return accounts.callerOnly() && shard.whole();
    }
}
