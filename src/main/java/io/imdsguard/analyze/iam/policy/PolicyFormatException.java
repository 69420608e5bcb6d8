package io.imdsguard.analyze.iam.policy;

/** A policy document that is not valid IAM policy JSON; the message names the policy and the problem. */
public class PolicyFormatException extends RuntimeException {
    public PolicyFormatException(String message) {
        super(message);
    }

    public PolicyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
