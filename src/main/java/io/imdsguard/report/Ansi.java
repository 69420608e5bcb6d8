package io.imdsguard.report;

import io.imdsguard.findings.Severity;

/** ANSI colours for severities on a terminal; callers decide whether colour is wanted. */
final class Ansi {
    private static final String RESET = "\u001b[0m";

    private Ansi() {
    }

    /** Colours the severity's name where {@code text} starts with it, leaving the rest (padding, markers) plain. */
    static String severity(Severity severity, String text) {
        String name = severity.name();
        if (!text.startsWith(name)) {
            return text;
        }
        return code(severity) + name + RESET + text.substring(name.length());
    }

    private static String code(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "\u001b[1;31m";
            case HIGH -> "\u001b[31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFO -> "\u001b[2m";
        };
    }
}
