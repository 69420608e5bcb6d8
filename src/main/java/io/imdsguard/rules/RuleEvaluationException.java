package io.imdsguard.rules;

/**
 * The loaded rules misbehaved while firing (a user rule that re-activates itself forever, or whose
 * consequence throws): the
 * rule author's to fix, so the CLI reports it as a usage error, not as a bug in imdsguard.
 */
public class RuleEvaluationException extends RuntimeException {
    public RuleEvaluationException(String message) {
        super(message);
    }

    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
