package io.imdsguard.evidence;

/** An evidence directory or file that cannot be read or written; the message names the file. */
public class EvidenceFormatException extends Exception {
    public EvidenceFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
