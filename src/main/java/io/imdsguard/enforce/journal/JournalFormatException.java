package io.imdsguard.enforce.journal;

/** A journal that cannot be read or trusted; the message names the file and line. */
public final class JournalFormatException extends Exception {
    public JournalFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
