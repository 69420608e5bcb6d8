package io.imdsguard.cli;

import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.enforce.RestoreOutcome;
import io.imdsguard.enforce.instances.Outcome;
import io.imdsguard.enforce.instances.PlanItem;
import io.imdsguard.report.Printable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables {@code enforce instances} and {@code enforce rollback} print: one row per target, cut to
 * 100 columns by shortening the name, and the long reasons (callers, AWS's errors) as notes below it.
 * Names and callers come from AWS and the hosts: printed only through {@link Printable}.
 */
final class EnforceTable {
    static final int WIDTH = 100;
    /** Marks a target without evidence of IMDSv1 use either way. */
    static final String NO_EVIDENCE = "*";
    private static final int NAME = 1;
    private static final int MIN_NAME = 6;

    private EnforceTable() {
    }

    /** The plan or the results of {@code enforce instances}. */
    static void instances(PrintWriter out, List<PlanItem> items) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"INSTANCE", "NAME", "REGION", "NOW", "THEN", "RESULT"});
        List<String> notes = new ArrayList<>();
        for (PlanItem i : items) {
            rows.add(new String[] {i.instanceId(), name(i.name()), i.region(), now(i.now()), then(i.then()),
                i.outcome().words() + (i.noEvidence() ? " " + NO_EVIDENCE : "")});
            if (i.detail() != null) {
                notes.add(Printable.of(i.instanceId() + ": " + i.detail()));
            }
        }
        write(out, rows, notes, "NOW is HttpTokens/HttpEndpoint/hop limit; THEN what the change sets (other fields "
                + "are sent as they are).");
    }

    /** What a rollback did, or would do. */
    static void restores(PrintWriter out, List<RestoreOutcome> outcomes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TARGET", "NAME", "REGION", "RESTORE TO", "RESULT"});
        List<String> notes = new ArrayList<>();
        for (RestoreOutcome o : outcomes) {
            rows.add(new String[] {o.target(), name(o.name()), o.region(), now(o.restoredTo()),
                o.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')});
            if (o.detail() != null) {
                notes.add(Printable.of(o.target() + ": " + o.detail()));
            }
        }
        write(out, rows, notes, "RESTORE TO is HttpTokens/HttpEndpoint/hop limit ('-': no preference); every field "
                + "is sent as the journal recorded it.");
    }

    /** "5 targets: 3 changed, 1 already compliant, 1 refused". */
    static String summary(List<PlanItem> items) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        items.forEach(i -> counts.merge(i.outcome(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((o, n) -> parts.add(n + " " + o.words()));
        return items.size() + " target" + (items.size() == 1 ? "" : "s") + (parts.isEmpty() ? "" : ": "
                + String.join(", ", parts));
    }

    static String restoreSummary(List<RestoreOutcome> outcomes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RestoreOutcome.Status s : RestoreOutcome.Status.values()) {
            long n = outcomes.stream().filter(o -> o.status() == s).count();
            if (n > 0) {
                counts.put(s.name().toLowerCase(Locale.ROOT).replace('_', ' '), (int) n);
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> parts.add(n + " " + s));
        return outcomes.size() + " target" + (outcomes.size() == 1 ? "" : "s") + (parts.isEmpty() ? "" : ": "
                + String.join(", ", parts));
    }

    private static String name(String name) {
        return name == null ? "" : Printable.of(name);
    }

    private static String now(MetadataSettings s) {
        if (s == null) {
            return "-";
        }
        return dash(s.httpTokens()) + "/" + dash(s.httpEndpoint()) + "/"
                + (s.httpPutResponseHopLimit() == null ? "-" : s.httpPutResponseHopLimit());
    }

    private static String then(MetadataSettings s) {
        return s == null ? "-" : s.httpTokens() + "/" + s.httpEndpoint();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static void write(PrintWriter out, List<String[]> rows, List<String> notes, String legend) {
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        int total = (w.length - 1) * 2;
        for (int x : w) {
            total += x;
        }
        if (total > WIDTH) {
            w[NAME] = Math.max(Math.min(MIN_NAME, w[NAME]), w[NAME] - (total - WIDTH));
        }
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c].length() > w[c] ? row[c].substring(0, Math.max(0, w[c] - 1)) + "…" : row[c];
                b.append(c == 0 ? "" : "  ").append(cell).append(" ".repeat(w[c] - cell.length()));
            }
            out.println(b.toString().stripTrailing());
        }
        out.println(legend);
        if (!notes.isEmpty()) {
            out.println("Notes:");
            notes.forEach(n -> out.println("  " + n));
        }
        out.flush();
    }
}
