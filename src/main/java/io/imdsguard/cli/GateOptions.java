package io.imdsguard.cli;

import io.imdsguard.baseline.Baseline;
import io.imdsguard.config.ScanConfig;
import io.imdsguard.findings.FindingFilter;
import io.imdsguard.findings.GatePolicy;
import io.imdsguard.findings.Severity;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.report.ReportFormatException;
import io.imdsguard.suppress.ResourceTags;
import io.imdsguard.suppress.SuppressionFilter;
import io.imdsguard.suppress.SuppressionsException;
import io.imdsguard.suppress.SuppressionsFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the gate weighs besides the threshold, for {@code scan} as a picocli mixin: suppressions, a
 * baseline and {@code --fail-on-new}. Both files are read before any AWS call, so a typo in one does
 * not cost a collection.
 */
public final class GateOptions {
    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "Suppressions YAML: entries by ruleId, resourceId, account, region or tag (Key=Value), each"
                    + " with a reason and an optional expires date. A suppressed finding stays in every report,"
                    + " marked with its reason, and never fails the gate (default: the config's 'suppressions').")
    Path suppressionsFile;

    @Option(names = "--baseline", paramLabel = "PREVIOUS.json",
            description = "An earlier JSON report (scan -f json): each finding is marked new or existing, and the"
                    + " earlier findings gone from the accounts and regions this scan covered are listed as resolved.")
    Path baselineFile;

    @Option(names = "--fail-on-new",
            description = "Fail the gate only on new findings (not in --baseline) at or above --fail-on.")
    boolean failOnNew;

    /** The gate's policy for {@code threshold}; {@code --fail-on-new} without a baseline is a usage error. */
    GatePolicy policy(Optional<Severity> threshold) {
        if (failOnNew && baselineFile == null) {
            throw new UsageException("--fail-on-new needs --baseline PREVIOUS.json (the report that tells new"
                    + " findings from existing ones)");
        }
        return new GatePolicy(threshold, failOnNew);
    }

    /**
     * The suppressions to apply: {@code --suppressions}, else the config's {@code suppressions} key (a path
     * relative to the config file's directory), else none.
     */
    Optional<SuppressionsFile> suppressions(ScanConfig config, Path configFile) {
        Path file = suppressionsFile;
        String option = "--suppressions";
        if (file == null && config.suppressions() != null) {
            Path base = configFile == null || Output.isStdio(configFile) ? null : configFile.getParent();
            file = base == null ? Path.of(config.suppressions()) : base.resolve(config.suppressions());
            option = "suppressions (in " + configFile + ")";
        }
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SuppressionsFile.load(file));
        } catch (SuppressionsException e) {
            throw new UsageException(option + ": " + e.getMessage(), e);
        }
    }

    /** The {@code --baseline} report, or null without one. */
    Baseline baseline() {
        if (baselineFile == null) {
            return null;
        }
        try {
            return Baseline.read(baselineFile);
        } catch (ReportFormatException e) {
            throw new UsageException("--baseline: " + e.getMessage(), e);
        }
    }

    /** The suppression filter for this snapshot (its instances' tags), warning on {@code warnings}. */
    static FindingFilter filter(Optional<SuppressionsFile> suppressions, Snapshot snapshot, Clock clock,
                                Consumer<String> warnings) {
        return suppressions.<FindingFilter>map(s -> new SuppressionFilter(s, ResourceTags.of(snapshot),
                LocalDate.now(clock), warnings)).orElse(FindingFilter.NONE);
    }
}
