package io.imdsguard.trace.ssm;

/** A run file that cannot be read or written; the message names the file. */
public class RunFileException extends Exception {
    public RunFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
