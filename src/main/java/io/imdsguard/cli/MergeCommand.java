package io.imdsguard.cli;

import io.imdsguard.audit.ReportMerger;
import io.imdsguard.audit.ReportReader;
import io.imdsguard.findings.Gate;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.findings.GatePolicy;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.report.ReportFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code imdsguard merge}: the JSON reports of a run's shards (or of separate runs) into one report, and its gate. */
@Command(name = "merge", header = "Join JSON reports (the shards of a run) into one report in any format, and gate.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reads JSON reports ('imdsguard scan --format json', schema version 1) and writes one: findings united "
                + "by identity (rule, account, region, resource), gaps united, accounts and regions united, the "
                + "summary counted again, the earliest start and the latest finish. Merging the reports of "
                + "'scan --shard 1/N' .. 'N/N' gives the report of the unsharded scan.",
            "",
            "Exit codes: as 'scan': 0 passed, 1 a finding at or above --fail-on (not suppressed; with "
                + "--fail-on-new, not in the baseline), 2 a report is unreadable, malformed or of another schema "
                + "version, 3 the reports have collection gaps or a shard K/N is missing, and the gate did not fail, 4 "
                + "internal error (a bug)."},
        footer = {"", "Examples:",
            "  imdsguard merge shard-*.json --format json --output org.json",
            "  imdsguard merge reports/shard-1.json reports/shard-2.json -f table,sarif,json -o merged/",
            "  imdsguard merge shard-*.json --fail-on critical -f sarif -o imdsguard.sarif",
            "  imdsguard merge shard-*.json --fail-on-new -f json -o tonight.json   # shards scanned with --baseline"})
public final class MergeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "REPORT.json", arity = "1..*",
            description = "JSON reports to merge ('-' reads one from stdin).")
    List<Path> reports = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table). Repeatable or comma-separated;"
                    + " several formats need a directory for --output.",
            completionCandidates = ScanCommand.Formats.class)
    List<String> formats = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|DIR",
            description = "Write the report to FILE instead of stdout ('-' is stdout); a directory gets "
                    + "imdsguard-report.<ext> per format.")
    String output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "Exit 1 when a finding at or above this severity exists: critical, high, medium, low, info,"
                    + " or none (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--fail-on-new",
            description = "Fail the gate only on new findings at or above --fail-on: the reports must come from "
                    + "scans run with --baseline (their findings carry new or existing).")
    boolean failOnNew;

    @Option(names = "--wide", description = "Table: print each finding's remediation under it and never cut a column.")
    boolean wide;

    @Option(names = "--no-color", description = "Table: no colours.")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "No summary line on stderr; errors still print.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Severity> threshold = ScanCommand.parseThreshold(failOn);
        ReportOutputs outputs = ReportOutputs.plan(formats, output, out);
        if (reports.stream().filter(Output::isStdio).count() > 1) {
            throw new UsageException("only one report can be read from stdin ('-')");
        }
        ScanResult merged;
        try {
            List<ReportReader.Report> read = new ArrayList<>();
            for (Path file : reports) {
                read.add(Output.isStdio(file) ? ReportReader.parse(StandardInput.text("REPORT"), "stdin")
                        : ReportReader.read(file));
            }
            merged = ReportMerger.merge(read);
        } catch (ReportFormatException e) {
            throw new UsageException(e.getMessage(), e);
        }
        // A lost shard is a gap of the merged report (so it is incomplete in every format); say so, also with -q.
        List<String> missing = merged.gaps().stream().filter(ReportMerger::isMissingShard).map(CollectionGap::error)
                .toList();
        missing.forEach(m -> err.println("imdsguard: warning: " + m));
        if (failOnNew && !merged.againstBaseline()) {
            // Without a baseline every finding's status is "new": the flag would silently mean --fail-on alone.
            throw new UsageException("--fail-on-new: no report was scanned with --baseline, so no finding is known"
                    + " to be new or existing");
        }
        GatePolicy policy = new GatePolicy(threshold, failOnNew);
        outputs.write(merged, StdoutTerminal.options(policy, wide, noColor));
        Gate.Outcome gate = Gate.decide(merged, policy);
        if (!quiet) {
            err.println(summary(merged, gate, missing));
        }
        err.flush();
        return switch (gate) {
            case FAILED -> ExitCode.GATE_FAILED.code();
            case INCOMPLETE -> ExitCode.INCOMPLETE.code();
            case PASSED -> ExitCode.PASSED.code();
        };
    }

    private String summary(ScanResult merged, Gate.Outcome gate, List<String> missing) {
        long findings = merged.findings().stream().filter(f -> !f.suppressed()).count();
        // Worded as scan's summary line words it.
        String policy = "(--fail-on " + failOn.toLowerCase(Locale.ROOT) + (failOnNew ? " --fail-on-new" : "") + ")";
        String verdict = switch (gate) {
            case FAILED -> "gate FAILED " + policy;
            case INCOMPLETE -> "gate passed, INCOMPLETE: " + merged.gaps().size() + " collection gap(s)"
                    + (missing.isEmpty() ? "" : " (" + missing.size() + " missing shard(s))");
            case PASSED -> "gate passed " + policy;
        };
        return "imdsguard: merged " + reports.size() + " report(s): " + merged.accounts().size() + " account(s), "
                + merged.regions().size() + " region(s), " + findings + " finding(s); " + verdict;
    }

}
