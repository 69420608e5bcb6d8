package io.imdsguard.audit;

import io.imdsguard.collect.Shard;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingKey;
import io.imdsguard.findings.ResolvedFinding;
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

    /** The account and region of a missing shard's gap: it stands for units nobody can name any more. */
    static final String MISSING_SHARD_SCOPE = "*";

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
        Set<CollectionGap> gaps = new LinkedHashSet<>(missingShards(reports));
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
     * Shard reports must be of one run's N, each K once; a shard that is missing (its job failed) is part of the
     * fleet nobody read, so it becomes a gap of the merged report (exit 3), never a silent hole.
     *
     * @throws ReportFormatException shards mixed with whole-run reports, shards of different N, or a shard twice
     */
    private static List<CollectionGap> missingShards(List<ReportReader.Report> reports) throws ReportFormatException {
        Map<Integer, String> seen = new TreeMap<>();
        Integer count = null;
        String firstSource = null;
        for (ReportReader.Report report : reports) {
            String text = report.result().shard();
            if (text == null) {
                if (count != null || reports.stream().anyMatch(r -> r.result().shard() != null)) {
                    throw new ReportFormatException("cannot merge " + report.source() + " (a whole run) with shard reports:"
                            + " merge the shards of one run, or whole runs over different accounts", null);
                }
                continue;
            }
            Shard shard;
            try {
                shard = Shard.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ReportFormatException(report.source() + ": scan.shard: " + e.getMessage(), e);
            }
            if (count != null && shard.count() != count) {
                throw new ReportFormatException("cannot merge shard " + shard + " (" + report.source() + ") with shards of "
                        + count + " (" + firstSource + "): they are of different runs", null);
            }
            count = shard.count();
            firstSource = firstSource == null ? report.source() : firstSource;
            String before = seen.putIfAbsent(shard.index(), report.source());
            if (before != null) {
                throw new ReportFormatException("shard " + shard + " given twice: " + before + " and " + report.source(), null);
            }
        }
        List<CollectionGap> missing = new ArrayList<>();
        for (int k = 1; count != null && k <= count; k++) {
            if (!seen.containsKey(k)) {
                missing.add(new CollectionGap(MISSING_SHARD_SCOPE, MISSING_SHARD_SCOPE, "imdsguard", "merge",
                        "shard " + k + "/" + count + " is missing: its (account, region) units are not in this report"));
            }
        }
        return missing;
    }

    /** Whether {@code gap} stands for a shard missing from a merge. */
    public static boolean isMissingShard(CollectionGap gap) {
        return MISSING_SHARD_SCOPE.equals(gap.account()) && "merge".equals(gap.operation());
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
