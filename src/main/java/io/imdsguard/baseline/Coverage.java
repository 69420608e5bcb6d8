package io.imdsguard.baseline;

import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;

import java.util.HashSet;
import java.util.Set;

/**
 * Where a scan looked, and so where a finding missing from it can be called resolved: the account x
 * region units its snapshot holds an inventory for, and for account-wide (region-less) findings the
 * accounts whose global inventory it holds. A unit with a collection gap is left out (a finding that
 * is missing because a call failed is not resolved), and so is an account's every unit when its
 * account-wide collection (IAM) has a gap, since regional findings depend on it.
 */
public final class Coverage {
    private record Unit(String account, String region) {
    }

    private final Set<Unit> units = new HashSet<>();
    private final Set<String> globalAccounts = new HashSet<>();
    private final Set<Unit> gapUnits = new HashSet<>();
    private final Set<String> globalGaps = new HashSet<>();

    private Coverage() {
    }

    public static Coverage of(Snapshot snapshot) {
        Coverage c = new Coverage();
        for (RegionInventory r : snapshot.regionInventories()) {
            c.units.add(new Unit(r.account(), r.region()));
        }
        for (AccountInventory a : snapshot.accountInventories()) {
            c.globalAccounts.add(a.account());
        }
        for (CollectionGap g : snapshot.gaps()) {
            if (isGlobal(g.region())) {
                c.globalGaps.add(g.account());
            } else {
                c.gapUnits.add(new Unit(g.account(), g.region()));
            }
        }
        return c;
    }

    /** Whether this scan would have raised a finding in {@code account} and {@code region} if it still existed. */
    public boolean covers(String account, String region) {
        if (globalGaps.contains(account)) {
            return false;
        }
        if (isGlobal(region)) {
            return globalAccounts.contains(account);
        }
        Unit unit = new Unit(account, region);
        return units.contains(unit) && !gapUnits.contains(unit);
    }

    private static boolean isGlobal(String region) {
        return region == null || region.isBlank() || AwsApi.GLOBAL_REGION.equals(region);
    }
}
