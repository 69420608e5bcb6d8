package io.imdsguard.cli;

import io.imdsguard.analyze.iam.simulate.SimulationInputException;
import io.imdsguard.collect.CollectionFailedException;
import io.imdsguard.config.ConfigException;
import io.imdsguard.inventory.SnapshotFormatException;
import io.imdsguard.rules.RuleEvaluationException;
import io.imdsguard.rules.RuleLoadException;
import io.imdsguard.rules.testing.RuleTestException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * Turns an exception escaping a command into one line on stderr and a documented exit code: the
 * project's own bad-input exceptions are the user's to fix ({@link ExitCode#USAGE_ERROR}); anything
 * else is a bug ({@link ExitCode#INTERNAL_ERROR}). The stack trace is printed only with
 * {@code --verbose} (or {@code IMDSGUARD_VERBOSE=1}).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    /** Exceptions whose message is written for the user; every other exception is a bug. */
    private static final List<Class<? extends Exception>> USER_ERRORS = List.of(UsageException.class,
            ConfigException.class, SnapshotFormatException.class, RuleLoadException.class, RuleTestException.class,
            CollectionFailedException.class, SimulationInputException.class, RuleEvaluationException.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = Verbose.requested(parsed);
        ExitCode code = isUserError(e) ? ExitCode.USAGE_ERROR : ExitCode.INTERNAL_ERROR;
        if (code == ExitCode.USAGE_ERROR) {
            err.println("imdsguard: " + message(e));
        } else {
            err.println("imdsguard: internal error: " + firstLine(message(e))
                    + (verbose ? "" : " (rerun with --verbose for details)"));
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    static boolean isUserError(Throwable e) {
        return USER_ERRORS.stream().anyMatch(type -> type.isInstance(e));
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        // A bug without a message: its type is all there is to report.
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message);
    }
}
