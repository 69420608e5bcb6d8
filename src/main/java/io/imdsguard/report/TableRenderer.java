package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.Suppression;
import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An aligned table for terminals and CI logs: one line per finding, the reason it fired under it (and
 * with {@code wide} its remediation), then the summary and any gaps. Cells are cut only to fit a terminal
 * of known width, never in a file, a pipe or with {@code wide}.
 */
public final class TableRenderer implements Renderer {
    private static final String[] HEADER = {"SEVERITY", "RULE", "ACCOUNT", "REGION", "RESOURCE", "NAME", "TITLE"};
    private static final int TITLE = HEADER.length - 1;
    private static final String SEPARATOR = "  ";
    /** On a terminal too narrow for a line: long cells other than the title give way down to this... */
    private static final int MAX_CELL = 40;
    /** ...and the title keeps at least this much, even if the line then wraps. */
    private static final int MIN_TITLE = 20;

    /** One finding as the table shows it. */
    private record Row(String[] cells, Severity severity, String why, String fix, String suppressed) {
    }

    @Override
    public String format() {
        return "table";
    }

    /** Places named for a gap that happened in many; the JSON report has every one. */
    private static final int MAX_GAP_PLACES = 4;

    @Override
    public String fileExtension() {
        return "txt";
    }

    @Override
    public void render(ScanResult result, RenderOptions options, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(HEADER, null, "", "", ""));
        // Against a baseline the reader looks for what is new; without one, every finding would say so.
        boolean baseline = result.againstBaseline();
        for (Finding f : result.findings()) {
            String mark = f.suppressed() ? " (suppressed)" : baseline && Finding.NEW.equals(f.status()) ? " (new)" : "";
            rows.add(new Row(new String[] {
                f.severity().name() + mark, f.ruleId(), f.account(), f.region(),
                f.resource().id(), f.resource().name() == null ? "-" : f.resource().name(), f.title()},
                f.severity(), FindingReason.of(f), options.wide() ? f.remediation() : "",
                options.wide() ? suppression(f) : ""));
        }
        if (result.findings().isEmpty()) {
            out.println("No findings.");
        } else {
            printAligned(out, rows, options);
        }
        out.println();
        out.println(summaryLine(result));
        if (!result.resolved().isEmpty()) {
            out.println();
            out.println("Resolved since " + Printable.of(result.baseline()) + ": " + result.resolved().size()
                    + " finding(s) it had are gone:");
            for (ResolvedFinding r : result.resolved()) {
                String name = r.resourceName() == null ? "" : " " + Printable.of(r.resourceName());
                out.println("  " + r.severity() + " " + r.ruleId() + " " + r.account() + " " + r.region() + " "
                        + Printable.of(r.resourceId()) + name);
            }
        }
        if (!result.gaps().isEmpty()) {
            out.println();
            out.println("Incomplete: " + result.gaps().size()
                    + " collection gap(s); these findings may miss resources:");
            gapLines(result.gaps()).forEach(line -> out.println("  " + line));
        }
        out.flush();
        // PrintWriter swallows write errors; a table cut short by a full disk must fail like the other formats.
        if (out.checkError()) {
            throw new IOException("the table could not be written in full");
        }
    }

    /**
     * One line per distinct problem, account-wide ones first (an account that could not be read at all matters
     * more than a call that failed in every region), and the same failure in many places said once with where.
     */
    static List<String> gapLines(List<CollectionGap> gaps) {
        Map<String, List<CollectionGap>> byProblem = new LinkedHashMap<>();
        gaps.stream().sorted(Comparator.comparing(g -> !AwsApi.GLOBAL_REGION.equals(g.region())))
                .forEach(g -> byProblem.computeIfAbsent(g.service() + ":" + g.operation() + " - "
                        + Printable.of(g.error()), k -> new ArrayList<>()).add(g));
        List<String> lines = new ArrayList<>();
        byProblem.forEach((problem, where) -> {
            List<String> places = where.stream().map(g -> g.account() + " " + g.region()).toList();
            String shown = String.join(", ", places.subList(0, Math.min(MAX_GAP_PLACES, places.size())))
                    + (places.size() > MAX_GAP_PLACES ? " and " + (places.size() - MAX_GAP_PLACES) + " more" : "");
            lines.add(places.size() == 1 ? shown + " " + problem
                    : problem + " (in " + places.size() + " places: " + shown + ")");
        });
        return lines;
    }

    /** The reason, expiry and entry of a finding's suppression; empty without a suppression entry. */
    private static String suppression(Finding f) {
        if (f.suppression() == null) {
            return "";
        }
        Suppression s = f.suppression();
        return s.reason() + (s.expires() == null ? "" : " (until " + s.expires() + ")")
                + (s.entry() == null ? "" : " [" + s.entry() + "]");
    }

    static String summaryLine(ScanResult result) {
        String counts = result.countsBySeverity().entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", "));
        long suppressed = result.suppressedCount();
        return "Findings: " + counts + (suppressed > 0 ? " (" + suppressed + " suppressed)" : "")
                + " | regions: " + String.join(",", result.regions());
    }

    private static void printAligned(PrintWriter out, List<Row> rows, RenderOptions options) {
        int[] widths = widths(rows, options);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.cells().length; i++) {
                String c = cut(cell(row.cells()[i]), widths[i]);
                String padded = i == TITLE ? c : c + " ".repeat(widths[i] - c.length()) + SEPARATOR;
                // Colour goes on after padding: escapes take no columns on screen but count in a String's length.
                boolean colour = i == 0 && options.color() && row.severity() != null;
                line.append(colour ? Ansi.severity(row.severity(), padded) : padded);
            }
            out.println(line.toString().stripTrailing());
            if (!row.why().isEmpty()) {
                out.println("    why: " + Printable.of(row.why()));
            }
            if (!row.fix().isEmpty()) {
                out.println("    fix: " + Printable.of(row.fix()));
            }
            if (!row.suppressed().isEmpty()) {
                out.println("    suppressed: " + Printable.of(row.suppressed()));
            }
        }
    }

    /** Each column as wide as its widest cell, unless that overflows the terminal and cutting is allowed. */
    private static int[] widths(List<Row> rows, RenderOptions options) {
        int[] widths = new int[HEADER.length];
        for (Row row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(row.cells()[i]).length());
            }
        }
        if (options.wide() || options.columns().isEmpty() || lineLength(widths) <= options.columns().getAsInt()) {
            return widths;
        }
        for (int i = 0; i < TITLE; i++) {
            widths[i] = Math.min(widths[i], MAX_CELL);
        }
        int room = options.columns().getAsInt() - (lineLength(widths) - widths[TITLE]);
        widths[TITLE] = Math.min(widths[TITLE], Math.max(MIN_TITLE, room));
        return widths;
    }

    private static int lineLength(int[] widths) {
        int length = SEPARATOR.length() * (widths.length - 1);
        for (int w : widths) {
            length += w;
        }
        return length;
    }

    private static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int end = width - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static String cell(String value) {
        return value == null ? "-" : Printable.of(value);
    }
}
