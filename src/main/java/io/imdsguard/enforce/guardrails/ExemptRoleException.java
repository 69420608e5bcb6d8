package io.imdsguard.enforce.guardrails;

/** An {@code --exempt-role} pattern that would not do what it says; the message is one line for the user. */
public class ExemptRoleException extends RuntimeException {
    public ExemptRoleException(String message) {
        super(message);
    }
}
