package io.imdsguard.inventory;

/** A snapshot file that cannot be read: not JSON, wrong schema version, or a field of the wrong shape. */
public class SnapshotFormatException extends Exception {
    public SnapshotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
