package io.imdsguard.bench;

import java.util.List;

/**
 * What a synthetic fleet looks like from outside: how many instances, spread evenly over how many
 * accounts and regions, and the seed that makes it reproducible. Every account holds every region,
 * so {@code accounts x regions} units share the instances (the first units take the remainder).
 *
 * @param instances instances in the whole fleet (0 or more)
 * @param accounts  accounts, 1 or more
 * @param regions   regions per account, 1 to {@link #REGION_NAMES}'s size
 * @param seed      the same seed and shape give byte-identical snapshots
 */
public record FleetShape(int instances, int accounts, int regions, long seed) {
    /** Region names in the order they are used. */
    public static final List<String> REGION_NAMES = List.of("us-east-1", "eu-west-1", "us-west-2", "eu-central-1",
            "ap-southeast-1", "ap-northeast-1", "sa-east-1", "ca-central-1", "us-east-2", "eu-north-1",
            "ap-south-1", "eu-west-2", "ap-southeast-2", "us-west-1", "eu-west-3", "ap-northeast-2");

    public FleetShape {
        if (instances < 0) {
            throw new IllegalArgumentException("instances must be 0 or more, got " + instances);
        }
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be 1 or more, got " + accounts);
        }
        if (regions < 1 || regions > REGION_NAMES.size()) {
            throw new IllegalArgumentException("regions must be 1 to " + REGION_NAMES.size() + ", got " + regions);
        }
    }

    /** The account id of the {@code a}-th account (from 0): twelve digits, stable across seeds. */
    public String account(int a) {
        return String.format("%012d", 210_000_000_000L + a * 7_919L);
    }

    public List<String> regionNames() {
        return REGION_NAMES.subList(0, regions);
    }

    /** Instances in unit {@code u} (account-major: unit = account x regions + region). */
    public int instancesIn(int unit) {
        int units = accounts * regions;
        return instances / units + (unit < instances % units ? 1 : 0);
    }

    /** Instances in all regions of account {@code a}. */
    public int instancesInAccount(int a) {
        int total = 0;
        for (int r = 0; r < regions; r++) {
            total += instancesIn(a * regions + r);
        }
        return total;
    }
}
