package io.imdsguard.usage;

import io.imdsguard.report.Printable;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * {@code usage --format table}: one row per instance, heaviest IMDSv1 users first, and a summary
 * line. "-" is no CloudWatch data, "?" could not be read (a gap). An account column when the run read
 * more than one.
 */
public final class UsageTable {
    static final String NO_DATA = "-";
    static final String UNREAD = "?";
    private static final String[] HEADER = {"INSTANCE", "NAME", "REGION", "STATE", "IMDSV1 CALLS", "REJECTED"};
    /** With more than one account: which one each instance is in. */
    private static final String[] HEADER_WITH_ACCOUNT =
            {"INSTANCE", "NAME", "ACCOUNT", "REGION", "STATE", "IMDSV1 CALLS", "REJECTED"};
    /** The last columns, the counts, are right-aligned so that their magnitudes line up. */
    private static final int COUNTS = 2;
    private static final int NAME = 1;
    private static final int MIN_NAME = 8;
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private UsageTable() {
    }

    /**
     * @param colour  mark instances with IMDSv1 calls in red (a terminal only)
     * @param columns the terminal's width, to cut the name column to; empty for a file or pipe
     */
    public static void write(UsageResult result, boolean colour, OptionalInt columns, Writer out) throws IOException {
        boolean accounts = result.accounts().size() > 1;
        List<String[]> rows = new ArrayList<>();
        rows.add(accounts ? HEADER_WITH_ACCOUNT : HEADER);
        for (InstanceUsage u : result.instances()) {
            List<String> row = new ArrayList<>(List.of(u.instanceId(), u.name() == null ? "" : Printable.of(u.name())));
            if (accounts) {
                row.add(u.account());
            }
            row.addAll(List.of(u.region(), u.state() == null ? "" : u.state(), count(u, u.calls()),
                    count(u, u.rejected())));
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = widths(rows, columns);
        String nl = System.lineSeparator();
        for (int r = 0; r < rows.size(); r++) {
            boolean hot = r > 0 && colour && result.instances().get(r - 1).calls() != null
                    && result.instances().get(r - 1).calls() > 0;
            out.write((hot ? RED : "") + line(rows.get(r), widths) + (hot ? RESET : "") + nl);
        }
        if (!result.instances().isEmpty()) {
            out.write(nl);
        }
        out.write(summary(result) + nl);
        out.flush();
    }

    /** "12 of 340 instances called IMDSv1 in the last 14 days; 3 had calls rejected". */
    public static String summary(UsageResult result) {
        int days = result.window().days();
        int total = result.instances().size();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d of %d instance%s called IMDSv1 in the last %s;"
                        + " %d had calls rejected", result.calledImdsV1(), total, total == 1 ? "" : "s",
                days == 1 ? "day" : days + " days", result.hadRejected()));
        if (result.noData() > 0) {
            s.append("; ").append(result.noData()).append(" had no CloudWatch data");
        }
        if (result.unread() > 0) {
            s.append("; ").append(result.unread()).append(" could not be read (gaps)");
        }
        return s.toString();
    }

    private static String count(InstanceUsage u, Long value) {
        return !u.read() ? UNREAD : value == null ? NO_DATA : Long.toString(value);
    }

    private static int[] widths(List<String[]> rows, OptionalInt columns) {
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        if (columns.isPresent()) {
            int total = (w.length - 1) * 2;
            for (int x : w) {
                total += x;
            }
            int over = total - columns.getAsInt();
            if (over > 0) {
                w[NAME] = Math.max(Math.min(MIN_NAME, w[NAME]), w[NAME] - over);
            }
        }
        return w;
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            String cell = row[c].length() > widths[c] ? row[c].substring(0, Math.max(0, widths[c] - 1)) + "…" : row[c];
            String padded = c >= row.length - COUNTS ? " ".repeat(widths[c] - cell.length()) + cell
                    : cell + " ".repeat(widths[c] - cell.length());
            b.append(c == 0 ? "" : "  ").append(padded);
        }
        return b.toString().stripTrailing();
    }
}
