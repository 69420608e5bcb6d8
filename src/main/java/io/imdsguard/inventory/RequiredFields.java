package io.imdsguard.inventory;

import java.util.List;
import java.util.Optional;

/**
 * Finds the first identifier a snapshot lacks, naming its JSON path. Every other field has an AWS
 * default or may be absent, but these are what findings and joins are keyed on: without them a
 * hand-written or truncated snapshot would fail deep inside the analysis as a bug, not as bad input.
 */
final class RequiredFields {
    private RequiredFields() {
    }

    /** {@code path: missing 'field'} for the first missing identifier, if any. */
    static Optional<String> firstProblem(Snapshot snapshot) {
        List<RegionInventory> regions = snapshot.regionInventories();
        for (int r = 0; r < regions.size(); r++) {
            RegionInventory region = regions.get(r);
            String at = "regionInventories[" + r + "]";
            Optional<String> problem = missing(at, "account", region.account())
                    .or(() -> missing(at, "region", region.region()));
            for (int i = 0; i < region.instances().size() && problem.isEmpty(); i++) {
                problem = missing(at + ".instances[" + i + "]", "instanceId", region.instances().get(i).instanceId());
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        List<AccountInventory> accounts = snapshot.accountInventories();
        for (int a = 0; a < accounts.size(); a++) {
            AccountInventory account = accounts.get(a);
            String at = "accountInventories[" + a + "]";
            Optional<String> problem = missing(at, "account", account.account());
            for (int i = 0; i < account.roles().size() && problem.isEmpty(); i++) {
                problem = missing(at + ".roles[" + i + "]", "arn", account.roles().get(i).arn());
            }
            for (int i = 0; i < account.instanceProfiles().size() && problem.isEmpty(); i++) {
                problem = missing(at + ".instanceProfiles[" + i + "]", "arn", account.instanceProfiles().get(i).arn());
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> missing(String at, String field, String value) {
        return value == null || value.isBlank() ? Optional.of(at + ": missing '" + field + "'") : Optional.empty();
    }
}
