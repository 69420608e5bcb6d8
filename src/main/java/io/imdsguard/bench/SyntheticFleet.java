package io.imdsguard.bench;

import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a large, varied, deterministic fleet snapshot for benchmarks ({@code imdsguard bench synth}).
 * Each account gets its own IAM ({@link SyntheticIam}) and each (account, region) its own network and
 * instances ({@link SyntheticRegion}). Every unit draws from a random generator seeded from the fleet
 * seed and the unit's position, so a unit does not change when units are added after it, and the same
 * shape always gives the same bytes. docs/performance.md lists the proportions.
 */
public final class SyntheticFleet {
    /** Every synthetic snapshot claims this collection time, so that its bytes never depend on the clock. */
    public static final Instant COLLECTED_AT = Instant.parse("2026-11-01T00:00:00Z");

    private SyntheticFleet() {
    }

    public static Snapshot generate(FleetShape shape) {
        List<String> accounts = new ArrayList<>();
        List<AccountInventory> iam = new ArrayList<>();
        List<RegionInventory> regions = new ArrayList<>();
        List<String> regionNames = shape.regionNames();
        for (int a = 0; a < shape.accounts(); a++) {
            String account = shape.account(a);
            accounts.add(account);
            SyntheticIam accountIam = new SyntheticIam(account, regionNames, shape.instancesInAccount(a),
                    random(shape.seed(), a, -1));
            iam.add(accountIam.inventory());
            for (int r = 0; r < regionNames.size(); r++) {
                int unit = a * regionNames.size() + r;
                regions.add(new SyntheticRegion(account, regionNames.get(r), r, unit, shape.instancesIn(unit),
                        accountIam, random(shape.seed(), a, r)).inventory());
            }
        }
        return new Snapshot(Snapshot.SCHEMA_VERSION, COLLECTED_AT, accounts, regionNames, iam, regions, List.of());
    }

    private static Random random(long seed, int account, int region) {
        return new Random(seed * 1_000_003L + account * 4_099L + region);
    }
}
