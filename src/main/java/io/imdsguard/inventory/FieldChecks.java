package io.imdsguard.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the first field of a snapshot that cannot be right, naming its JSON path: an identifier that
 * is missing, or a value outside what AWS ever sends. Every other field has an AWS default or may be
 * absent, but identifiers are what findings and joins are keyed on (without them a hand-written or
 * truncated snapshot would fail deep inside the analysis as a bug), and a typo in a state or a
 * metadata option ({@code "runnin"}, {@code "maybe"}) would silently change the findings.
 */
final class FieldChecks {
    private static final Set<String> INSTANCE_STATES = Set.of("pending", "running", "shutting-down", "terminated",
            "stopping", "stopped");
    private static final Set<String> HTTP_TOKENS = Set.of("optional", "required");
    private static final Set<String> HTTP_ENDPOINT = Set.of("enabled", "disabled");

    private FieldChecks() {
    }

    /** {@code path: missing 'field'} or {@code path.field: unknown value 'x' (expected ...)} for the first problem, if any. */
    static Optional<String> firstProblem(Snapshot snapshot) {
        List<RegionInventory> regions = snapshot.regionInventories();
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 0; r < regions.size(); r++) {
            RegionInventory region = regions.get(r);
            String at = "regionInventories[" + r + "]";
            // One inventory per (account, region): analysis results are keyed so.
            Integer first = seen.putIfAbsent(region.account() + "/" + region.region(), r);
            Optional<String> problem = missing(at, "account", region.account())
                    .or(() -> missing(at, "region", region.region()))
                    .or(() -> first == null ? Optional.empty() : Optional.of(at + ": a second inventory of account "
                            + region.account() + " region " + region.region() + " (first: regionInventories[" + first + "])"))
                    .or(() -> unknown(at + ".imdsDefaults", "httpTokens", region.imdsDefaults().httpTokens(), HTTP_TOKENS))
                    .or(() -> unknown(at + ".imdsDefaults", "httpEndpoint", region.imdsDefaults().httpEndpoint(), HTTP_ENDPOINT));
            for (int i = 0; i < region.instances().size() && problem.isEmpty(); i++) {
                problem = instance(at + ".instances[" + i + "]", region.instances().get(i));
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
        List<CollectionGap> gaps = snapshot.gaps();
        for (int g = 0; g < gaps.size(); g++) {
            CollectionGap gap = gaps.get(g);
            String at = "gaps[" + g + "]";
            Optional<String> problem = missing(at, "account", gap.account()).or(() -> missing(at, "region", gap.region()))
                    .or(() -> missing(at, "service", gap.service())).or(() -> missing(at, "operation", gap.operation()));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> instance(String at, Instance instance) {
        MetadataOptions m = instance.metadataOptions();
        return missing(at, "instanceId", instance.instanceId())
                .or(() -> unknown(at, "state", instance.state(), INSTANCE_STATES))
                .or(() -> unknown(at + ".metadataOptions", "httpTokens", m.httpTokens(), HTTP_TOKENS))
                .or(() -> unknown(at + ".metadataOptions", "httpEndpoint", m.httpEndpoint(), HTTP_ENDPOINT));
    }

    /** An absent value is fine (it has an AWS default); a present one must be one AWS sends. */
    private static Optional<String> unknown(String at, String field, String value, Set<String> known) {
        if (value == null || known.contains(value.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(at + "." + field + ": unknown value '" + value + "' (expected one of: "
                + String.join(", ", known.stream().sorted().toList()) + ")");
    }

    private static Optional<String> missing(String at, String field, String value) {
        return value == null || value.isBlank() ? Optional.of(at + ": missing '" + field + "'") : Optional.empty();
    }
}
