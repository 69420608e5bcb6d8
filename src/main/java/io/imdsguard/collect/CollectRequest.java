package io.imdsguard.collect;

import java.util.List;
import java.util.Locale;

/**
 * What to collect. {@code regions} empty (or the single word {@code all}) means every region
 * enabled in the account; otherwise each name must be an enabled region.
 */
public record CollectRequest(List<String> regions) {
    public static final CollectRequest ALL_REGIONS = new CollectRequest(List.of());

    public CollectRequest {
        regions = regions == null ? List.of()
                : regions.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty())
                .distinct().toList();
    }

    public boolean allRegions() {
        return regions.isEmpty() || regions.equals(List.of("all"));
    }
}
