package io.imdsguard.cli;

import io.imdsguard.config.ScanConfig;
import io.imdsguard.report.Renderers;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configuration file's keys as the defaults of {@code scan}'s and {@code collect}'s flags: a flag given
 * on the command line wins over its key (picocli's parse result says which were given). The keys' values
 * were checked when the file was read ({@code ConfigLoader}); the format names are checked here, against
 * the renderers registry, naming the file and key as the loader does.
 */
final class ConfigDefaults {
    private ConfigDefaults() {
    }

    /** {@code regions}, {@code accounts}, {@code org}, {@code role}, {@code externalId}, {@code concurrency}. */
    static void selection(ScanConfig config, CommandSpec spec, AwsOptions aws, AccountOptions accounts) {
        aws.defaults(config, spec);
        accounts.defaults(config, spec);
    }

    /** The selection keys (unless the scan reads a snapshot), and {@code formats}, {@code output}, {@code failOn}. */
    static void apply(ScanConfig config, String source, ScanCommand scan) {
        CommandSpec spec = scan.spec;
        if (scan.snapshotFile == null) {
            selection(config, spec, scan.aws, scan.accounts);
        }
        if (!matched(spec, "--format") && !config.formats().isEmpty()) {
            scan.formats = new ArrayList<>(checkedFormats(config.formats(), source));
        }
        if (!matched(spec, "--output") && config.output() != null) {
            scan.output = config.output();
        }
        if (!matched(spec, "--fail-on") && config.failOn() != null) {
            scan.failOn = config.failOn();
        }
    }

    private static List<String> checkedFormats(List<String> formats, String source) {
        for (int i = 0; i < formats.size(); i++) {
            String name = formats.get(i).trim().toLowerCase(Locale.ROOT);
            if (Renderers.byName(name).isEmpty()) {
                throw new UsageException(source + ": formats[" + i + "]: unknown format '" + formats.get(i)
                        + "' (available: " + String.join(", ", Renderers.names()) + ")");
            }
        }
        return formats;
    }

    private static boolean matched(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
