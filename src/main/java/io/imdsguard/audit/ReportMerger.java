package io.imdsguard.audit;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingKey;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.collect.Shard;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.report.ReportFormatException;
import io.imdsguard.rules.FindingBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Joins reports (the shards of one run, or runs over different accounts) into one result: findings
 * united by identity ({@link FindingKey}: the first report's copy wins), gaps and resolved findings united,
 * accounts and regions united and sorted, the earliest start and the latest finish, and no shard. The summary
 * is the result's own count, so it is recomputed. Merging the N shards of a run gives that run's result,
 * findings in the scan's own order.
 */
public final class ReportMerger {
    private static final Comparator<ResolvedFinding> RESOLVED_ORDER = Comparator.comparing(ResolvedFinding::severity)
            .thenComparing(ResolvedFinding::ruleId)
            .thenComparing(r -> Objects.toString(r.account(), ""))
            .thenComparing(r -> Objects.toString(r.region(), ""))
            .thenComparing(ResolvedFinding::resourceId);

    private ReportMerger() {
    }

    /**
     * @throws ReportFormatException no report, or reports written by different major versions of imdsguard (their
     *                           findings may not mean the same)
     */
    public static ScanResult merge(List<ReportReader.Report> reports) throws ReportFormatException {
        if (reports.isEmpty()) {
            throw new ReportFormatException("no report to merge", null);
        }
        checkVersions(reports);
        Map<FindingKey, Finding> findings = new LinkedHashMap<>();
        Set<CollectionGap> gaps = new LinkedHashSet<>();
        Map<FindingKey, ResolvedFinding> resolved = new LinkedHashMap<>();
        Set<String> accounts = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        Instant started = null;
        Instant finished = null;
        for (ReportReader.Report report : reports) {
            ScanResult r = report.result();
            r.findings().forEach(f -> findings.putIfAbsent(f.key(), f));
            gaps.addAll(r.gaps());
            r.resolved().forEach(f -> resolved.putIfAbsent(f.key(), f));
            accounts.addAll(r.accounts());
            regions.addAll(r.regions());
            started = started == null || r.startedAt().isBefore(started) ? r.startedAt() : started;
            finished = finished == null || r.finishedAt().isAfter(finished) ? r.finishedAt() : finished;
        }
        // A finding one shard raised is not resolved because another shard's baseline half lacked it.
        findings.keySet().forEach(resolved::remove);
        List<Finding> sorted = new ArrayList<>(findings.values());
        sorted.sort(FindingBuilder.ORDER);
        return new ScanResult(reports.get(0).toolVersion(), started, finished, List.copyOf(accounts),
                List.copyOf(regions), gaps.stream().sorted(CollectionGap.ORDER).toList(), sorted, List.of(),
                resolved.values().stream().sorted(RESOLVED_ORDER).toList(), null,
                reports.stream().map(r -> r.result().baseline()).filter(Objects::nonNull).findFirst().orElse(null));
    }

    /**
     * What keeps the reports from being a whole sharded run: for each shard count N that some report's
     * {@code scan.shard} names, the shards K/N that no report is, as {@code "3/4"}. Reports of unsharded runs
     * do not count. Empty when nothing is missing; a missing shard's units are simply absent from the merge,
     * so the caller must say so.
     */
    public static List<String> missingShards(List<ReportReader.Report> reports) {
        Map<Integer, Set<Integer>> seen = new TreeMap<>();
        for (ReportReader.Report report : reports) {
            String shard = report.result().shard();
            if (shard == null) {
                continue;
            }
            try {
                Shard s = Shard.parse(shard);
                seen.computeIfAbsent(s.count(), n -> new TreeSet<>()).add(s.index());
            } catch (IllegalArgumentException e) {
                // Not K/N (a hand-edited report): it names no run to be complete or not.
            }
        }
        List<String> missing = new ArrayList<>();
        seen.forEach((count, indexes) -> {
            for (int k = 1; k <= count; k++) {
                if (!indexes.contains(k)) {
                    missing.add(k + "/" + count);
                }
            }
        });
        return missing;
    }

    private static void checkVersions(List<ReportReader.Report> reports) throws ReportFormatException {
        ReportReader.Report first = reports.get(0);
        for (ReportReader.Report other : reports) {
            if (!Objects.equals(major(first.toolVersion()), major(other.toolVersion()))) {
                throw new ReportFormatException("cannot merge reports of imdsguard " + first.toolVersion() + " ("
                        + first.source() + ") and " + other.toolVersion() + " (" + other.source()
                        + "): different major versions", null);
            }
        }
    }

    private static String major(String version) {
        if (version == null) {
            return null;
        }
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}
