package io.imdsguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Whether {@code --verbose} was given. The option is declared once, on the root, and inherited by
 * every subcommand so that it may stand before or after a subcommand's name; it is read from the
 * parse result because the level it was typed at is not known in advance.
 */
final class Verbose {
    private Verbose() {
    }

    /** True when {@code --verbose} was given at any level of the command line, or IMDSGUARD_VERBOSE=1 is set. */
    static boolean requested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return "1".equals(System.getenv("IMDSGUARD_VERBOSE"));
    }

    /** The same question from inside a subcommand: looks at the whole command line, from the root down. */
    static boolean requested(CommandSpec spec) {
        return requested(spec.root().commandLine().getParseResult());
    }
}
