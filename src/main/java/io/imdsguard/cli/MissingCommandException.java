package io.imdsguard.cli;

import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code imdsguard}, {@code imdsguard rules}) was run without
 * one: a usage error, answered with the command's help on stderr.
 */
final class MissingCommandException extends CommandLine.ParameterException {
    MissingCommandException(CommandLine commandLine) {
        super(commandLine, "missing command");
    }
}
