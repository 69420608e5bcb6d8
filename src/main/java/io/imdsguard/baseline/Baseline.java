package io.imdsguard.baseline;

import io.imdsguard.audit.ReportReader;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingKey;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.report.ReportFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The findings of an earlier scan's JSON report, by {@link FindingKey} (rule, account, region,
 * resource id): what a finding of this scan is compared with.
 */
public final class Baseline {
    private final String source;
    private final Map<FindingKey, ResolvedFinding> byKey;

    /**
     * @param source   the report's name as the user gave it, which the new report records
     * @param findings the baseline report's findings, as this scan would list them once resolved
     */
    public Baseline(String source, List<ResolvedFinding> findings) {
        this.source = source;
        Map<FindingKey, ResolvedFinding> keys = new LinkedHashMap<>();
        for (ResolvedFinding f : findings) {
            keys.putIfAbsent(f.key(), f);
        }
        this.byKey = keys;
    }

    /**
     * Reads {@code file}, a report of {@code scan --format json} (or of {@code merge}), with the same reader
     * {@code merge} uses, so that any report one accepts the other does too.
     */
    public static Baseline read(Path file) throws ReportFormatException {
        return new Baseline(file.toString(), ReportReader.read(file).result().findings().stream()
                .map(f -> new ResolvedFinding(f.ruleId(), f.severity(), f.account(), f.region(), f.resource().type(),
                        f.resource().id(), f.resource().name()))
                .toList());
    }

    /** The baseline report's name as given ({@code --baseline}). */
    public String source() {
        return source;
    }

    /** This scan's findings with their status, and the baseline's findings it no longer raises. */
    public record Comparison(List<Finding> findings, List<ResolvedFinding> resolved) {
        public Comparison {
            findings = List.copyOf(findings);
            resolved = List.copyOf(resolved);
        }
    }

    /**
     * Marks each finding {@code existing} when the baseline has its key, else {@code new}; lists as resolved
     * the baseline's findings this scan did not raise, among those in units it {@code covered}.
     */
    public Comparison compare(List<Finding> findings, Coverage covered) {
        Set<FindingKey> now = new HashSet<>();
        List<Finding> marked = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            FindingKey key = f.key();
            now.add(key);
            marked.add(f.withStatus(byKey.containsKey(key) ? Finding.EXISTING : Finding.NEW));
        }
        List<ResolvedFinding> resolved = new ArrayList<>();
        byKey.forEach((key, f) -> {
            if (!now.contains(key) && covered.covers(f.account(), f.region())) {
                resolved.add(f);
            }
        });
        return new Comparison(marked, resolved);
    }
}
