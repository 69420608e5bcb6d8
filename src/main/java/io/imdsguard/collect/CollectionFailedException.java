package io.imdsguard.collect;

/**
 * The collection could not start: AWS unreachable, no usable credentials, the account or its
 * regions unreadable. The message is one line meant for the user. Failures of single calls once
 * collection runs are not this: they become gaps.
 */
public class CollectionFailedException extends Exception {
    public CollectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
