package io.imdsguard.trace.ssm;

import io.imdsguard.report.ReportFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The instances a run asks for, by region: from a scan's JSON report, or given by id. */
public final class TargetSources {
    /** The findings that mean "IMDSv1 is usable here": the hosts whose callers enforcement must know. */
    public static final List<String> DEFAULT_RULES = List.of("IMDS-001", "IMDS-002", "IMDS-003");
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

    private TargetSources() {
    }

    /**
     * The report's {@code ec2-instance} findings of {@code rules}, one target per instance (its first
     * finding's region and name), limited to {@code regions} when any are given.
     */
    public static Map<String, List<TraceTarget>> fromReport(ReportFile report, List<String> rules, List<String> regions) {
        Set<String> wanted = new LinkedHashSet<>(rules.isEmpty() ? DEFAULT_RULES : rules);
        Set<String> seen = new LinkedHashSet<>();
        Map<String, List<TraceTarget>> byRegion = new LinkedHashMap<>();
        for (ReportFile.Finding f : report.findings()) {
            if (!"ec2-instance".equals(f.resourceType()) || !wanted.contains(f.ruleId())
                    || (!regions.isEmpty() && !regions.contains(f.region())) || !seen.add(f.resourceId())) {
                continue;
            }
            byRegion.computeIfAbsent(f.region(), r -> new ArrayList<>())
                    .add(new TraceTarget(f.resourceId(), f.region(), f.resourceName()));
        }
        return byRegion;
    }

    /** The ids without repeats; a malformed id is an IllegalArgumentException naming it. */
    public static Set<String> checkIds(List<String> instanceIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : instanceIds) {
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("'" + id + "' is not an EC2 instance id (i-0123456789abcdef0)");
            }
            ids.add(id);
        }
        return ids;
    }

    /** Each id looked for in each region; a malformed id is an IllegalArgumentException naming it. */
    public static Map<String, List<TraceTarget>> fromIds(List<String> instanceIds, List<String> regions) {
        Map<String, List<TraceTarget>> byRegion = new LinkedHashMap<>();
        Set<String> ids = checkIds(instanceIds);
        for (String region : regions) {
            byRegion.put(region, ids.stream().map(id -> new TraceTarget(id, region, null)).toList());
        }
        return byRegion;
    }
}
