package io.imdsguard.findings;

import io.imdsguard.inventory.CollectionGap;

import java.time.Instant;
import java.util.List;

/** What a scan produced, everything a renderer and the gate need. */
public record ScanResult(String toolVersion, Instant startedAt, Instant finishedAt, List<String> accounts,
                         List<String> regions, List<CollectionGap> gaps, List<Finding> findings) {
    public ScanResult {
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
        gaps = List.copyOf(gaps);
        findings = List.copyOf(findings);
    }
}
