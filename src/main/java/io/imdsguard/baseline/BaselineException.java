package io.imdsguard.baseline;

/** A baseline report that cannot be read; the message names the file (and line, when known). */
public class BaselineException extends Exception {
    public BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
