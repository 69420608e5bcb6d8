package io.imdsguard.usage;

import io.imdsguard.collect.CollectRequest;

import java.util.List;

/**
 * What {@code usage} reads: the regions (as {@code collect} selects them), the window's length in days,
 * and optionally only some instances (empty: every instance of the selected regions).
 */
public record UsageRequest(CollectRequest regions, int days, List<String> instanceIds) {
    public UsageRequest {
        regions = regions == null ? CollectRequest.ALL_REGIONS : regions;
        instanceIds = instanceIds == null ? List.of() : instanceIds.stream().distinct().toList();
    }
}
