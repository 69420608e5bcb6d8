package io.imdsguard.suppress;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.FindingFilter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Marks each finding that a suppressions entry matches as suppressed, with that entry's reason; the
 * first matching entry wins. An expired entry no longer applies and an entry that matches nothing is
 * probably stale or mistyped: both are warned about, once per run, and neither stops the scan.
 */
public final class SuppressionFilter implements FindingFilter {
    private final SuppressionsFile file;
    private final ResourceTags tags;
    private final LocalDate today;
    private final Consumer<String> warnings;

    /**
     * @param tags     the resources' tags, for {@code tag:} entries
     * @param today    the date in UTC: an entry applies up to and including its {@code expires} day
     * @param warnings where the expired and unmatched entries are told (the CLI's stderr)
     */
    public SuppressionFilter(SuppressionsFile file, ResourceTags tags, LocalDate today, Consumer<String> warnings) {
        this.file = file;
        this.tags = tags;
        this.today = today;
        this.warnings = warnings;
    }

    @Override
    public List<Finding> apply(List<Finding> findings) {
        List<SuppressionEntry> live = new ArrayList<>();
        for (SuppressionEntry e : file.entries()) {
            if (e.expiredBy(today)) {
                warnings.accept("imdsguard: warning: " + e.where() + ": suppression " + e.name() + " (" + e.keys()
                        + ") expired on " + e.expires() + "; no longer applies");
            } else {
                live.add(e);
            }
        }
        boolean[] matched = new boolean[live.size()];
        List<Finding> marked = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding out = f;
            for (int i = 0; i < live.size(); i++) {
                if (live.get(i).matches(f, tags.of(f))) {
                    matched[i] = true;
                    if (out == f) {
                        out = f.suppressedBy(live.get(i).suppression());
                    }
                }
            }
            marked.add(out);
        }
        for (int i = 0; i < live.size(); i++) {
            if (!matched[i]) {
                SuppressionEntry e = live.get(i);
                warnings.accept("imdsguard: warning: " + e.where() + ": suppression " + e.name() + " (" + e.keys()
                        + ") matches nothing");
            }
        }
        return marked;
    }
}
