package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyFormatException;

/** A collected policy of a role that does not parse, with the name the evidence reports it under. */
final class UnparseablePolicyException extends PolicyFormatException {
    private final String policy;

    UnparseablePolicyException(String policy, PolicyFormatException cause) {
        super(cause.getMessage(), cause);
        this.policy = policy;
    }

    String policy() {
        return policy;
    }

    /** The parser's message without its "policy NAME" lead, which the evidence already names. */
    String problem() {
        String message = getMessage();
        String lead = "policy " + policy;
        if (!message.startsWith(lead)) {
            return message;
        }
        String rest = message.substring(lead.length());
        return rest.startsWith(": ") ? rest.substring(2) : rest.strip();
    }
}
