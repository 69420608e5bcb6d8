package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.inventory.CollectionGap;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A fixed-width table for terminals and CI logs: one line per finding, then the summary and any gaps. */
public final class TableRenderer implements Renderer {
    private static final String[] HEADER = {"SEVERITY", "RULE", "ACCOUNT", "REGION", "RESOURCE", "NAME", "TITLE"};
    private static final int MAX_CELL = 60;

    @Override
    public String format() {
        return "table";
    }

    @Override
    public String fileExtension() {
        return "txt";
    }

    @Override
    public void render(ScanResult result, RenderOptions options, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        List<String[]> rows = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        rows.add(HEADER);
        reasons.add("");
        for (Finding f : result.findings()) {
            reasons.add(FindingReason.of(f));
            rows.add(new String[] {
                f.severity().name() + (f.suppressed() ? " (suppressed)" : ""), f.ruleId(), f.account(), f.region(),
                f.resource().id(), f.resource().name() == null ? "-" : f.resource().name(), f.title()});
        }
        if (result.findings().isEmpty()) {
            out.println("No findings.");
        } else {
            printAligned(out, rows, reasons);
        }
        out.println();
        out.println(summaryLine(result));
        if (!result.gaps().isEmpty()) {
            out.println();
            out.println("Incomplete: " + result.gaps().size() + " collection gap(s); these findings may miss resources:");
            for (CollectionGap g : result.gaps()) {
                out.println("  " + g.account() + " " + g.region() + " " + g.service() + ":" + g.operation() + " - " + g.error());
            }
        }
        out.flush();
    }

    static String summaryLine(ScanResult result) {
        String counts = result.countsBySeverity().entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", "));
        long suppressed = result.suppressedCount();
        return "Findings: " + counts + (suppressed > 0 ? " (" + suppressed + " suppressed)" : "")
                + " | regions: " + String.join(",", result.regions());
    }

    /** One line per row; under a finding, indented, the reason it fired when its evidence gives one. */
    private static void printAligned(PrintWriter out, List<String[]> rows, List<String> reasons) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], Math.min(MAX_CELL, cell(row[i]).length()));
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String c = cell(row[i]);
                if (c.length() > MAX_CELL) {
                    c = c.substring(0, MAX_CELL - 1) + "…";
                }
                line.append(i == row.length - 1 ? c : String.format("%-" + widths[i] + "s  ", c));
            }
            out.println(line.toString().stripTrailing());
            if (!reasons.get(r).isEmpty()) {
                out.println("    why: " + Printable.of(reasons.get(r)));
            }
        }
    }

    private static String cell(String value) {
        return value == null ? "-" : Printable.of(value);
    }
}
