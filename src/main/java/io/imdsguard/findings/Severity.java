package io.imdsguard.findings;

import java.util.Locale;

/** Finding severities, most severe first. The gate compares with {@link #atLeast(Severity)}. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Parses a severity case-insensitively; the message lists the accepted values. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "' (expected critical, high, medium, low or info)");
        }
    }
}
