package io.imdsguard.trace.log;

/** Output that is not what the host collect script prints; the message says what was found instead. */
public class CollectFormatException extends Exception {
    public CollectFormatException(String message) {
        super(message);
    }
}
