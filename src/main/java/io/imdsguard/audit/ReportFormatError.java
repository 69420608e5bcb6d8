package io.imdsguard.audit;

/** A report that cannot be read or merged; the message names the file and, when known, line, column and field. */
public class ReportFormatError extends Exception {
    public ReportFormatError(String message, Throwable cause) {
        super(message, cause);
    }
}
