package io.imdsguard.report;

/** A JSON report that cannot be read: not JSON, another schema version, or a finding missing a field. */
public class ReportFormatException extends Exception {
    public ReportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
