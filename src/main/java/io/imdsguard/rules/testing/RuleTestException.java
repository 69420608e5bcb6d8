package io.imdsguard.rules.testing;

/** A rule test directory or case file that cannot be read (bad input, exit 2), as opposed to a failing case. */
public class RuleTestException extends Exception {
    public RuleTestException(String message, Throwable cause) {
        super(message, cause);
    }
}
