package io.imdsguard.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Turns an exception escaping a command into one line on stderr and a documented exit code.
 * The stack trace is printed only with {@code --verbose} (or {@code IMDSGUARD_VERBOSE=1}).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println("imdsguard: " + message(e));
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE_ERROR.code();
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return "1".equals(System.getenv("IMDSGUARD_VERBOSE"));
    }
}
