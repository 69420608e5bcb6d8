package io.imdsguard.suppress;

/** A suppressions file that cannot be used; the message names {@code FILE:LINE:COL} and the key. */
public class SuppressionsException extends Exception {
    public SuppressionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
