package io.imdsguard.cli;

/** A user error with a one-line message; the CLI prints it and exits with {@link ExitCode#USAGE_ERROR}. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
